/**
 * Email notifier over SMTP with nodemailer: AWS SES SMTP, Yandex Cloud
 * Postbox SMTP or any relay. One multipart (text + HTML) message per batch
 * to every recipient; `smtps://` is TLS from the start, `smtp://` upgrades
 * with STARTTLS when the server offers it (nodemailer URL options such as
 * `?requireTLS=true` are honoured).
 *
 * Every send has connection, greeting and socket timeouts taken from the
 * invocation's deadline, and is abandoned when the deadline's signal fires.
 * Connection failures and 4xx replies are retried with bounded backoff
 * (`./retry-policy.ts`); 5xx replies other than 554 are permanent.
 */
import { createHash } from 'node:crypto';
import { NotifyError, describeError, redact } from '../errors.js';
import { type Deadline, sleep } from '../lib/deadline.js';
import type { Finding } from '../types.js';
import { SEVERITIES } from '../types.js';
import { claimDeliveries } from './delivery.js';
import { renderEmail } from './email-render.js';
import { type DeliveryReport, type Notifier, type NotifyContext, atLeast, deadlineOf } from './notifier.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryBudget, retryDelayMs } from './retry-policy.js';
import type { EmailSettings } from './email-settings.js';

/** SMTP reply codes that will not change on retry. */
const PERMANENT = (code: number | undefined) => code !== undefined && code >= 500 && code !== 554;
/** Longest wait to connect, and for the greeting. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Longest silence of the server during a send. */
const SOCKET_TIMEOUT_MS = 20_000;
/** Time kept free after the send, for logging and the ledger. */
const FINAL_RESERVE_MS = 1_000;
/** Extra time kept free after a wait. */
const SAFETY_MS = 2_000;

/** The SMTP URL with timeouts that fit in the time left (nodemailer reads them from the query). */
function urlWithTimeouts(url: string, deadline: Deadline): string {
  const parsed = new URL(url);
  const connect = deadline.timeoutMs(CONNECT_TIMEOUT_MS, FINAL_RESERVE_MS, 100);
  parsed.searchParams.set('connectionTimeout', String(connect));
  parsed.searchParams.set('greetingTimeout', String(connect));
  parsed.searchParams.set('socketTimeout', String(deadline.timeoutMs(SOCKET_TIMEOUT_MS, FINAL_RESERVE_MS, 100)));
  parsed.searchParams.set('dnsTimeout', String(connect));
  return parsed.toString();
}

/** Resolve with `work`, or reject with the signal's reason when it aborts first. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The email notifier for the configured recipients. */
export function emailNotifier(settings: EmailSettings, secrets: readonly string[] = [], policy: RetryPolicy = DEFAULT_RETRY_POLICY): Notifier {
  // nodemailer is loaded on the first email, not at cold start.
  let mailer: Promise<typeof import('nodemailer')> | undefined;
  const getMailer = () => (mailer ??= import('nodemailer'));
  const domain = /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? 'audit-responder.local';
  const fail = (message: string, code: number | undefined, transient: boolean, cause?: unknown) =>
    new NotifyError('email', redact(message, secrets), code, transient, cause ? { cause } : undefined);

  async function deliver(fresh: readonly Finding[], context: NotifyContext): Promise<void> {
    const deadline = deadlineOf(context);
    const budget = context.retryBudget ?? retryBudget(policy.batchRetries);
    const mail = renderEmail(fresh);
    const id = createHash('sha256').update(fresh.map((f) => f.dedupKey).join('\n')).digest('hex').slice(0, 32);
    const { createTransport } = await getMailer();
    for (let attempt = 1; ; attempt++) {
      const signal = deadline.signal(FINAL_RESERVE_MS);
      const transport = createTransport(urlWithTimeouts(settings.url, deadline));
      try {
        await abortable(
          transport.sendMail({
            from: settings.from,
            to: [...settings.to],
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            date: new Date(),
            messageId: `<${id}@${domain}>`,
            headers: { 'X-Audit-Responder-Findings': String(fresh.length) },
          }),
          signal,
        );
        return;
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const why = signal.aborted ? `no time left in this invocation (${describeError(signal.reason)})` : describeError(error);
        const stop = (reason?: string) => fail(`SMTP delivery failed: ${why}${reason ? ` (${reason})` : ''}`, code, !PERMANENT(code), error);
        if (signal.aborted || PERMANENT(code)) throw stop();
        const waitMs = retryDelayMs(attempt, policy);
        if (attempt >= policy.maxAttempts) throw stop(`gave up after ${attempt} attempts`);
        // A refused connection fails fast; keep retrying only while time allows.
        if (waitMs + SAFETY_MS > deadline.remainingMs()) throw stop(`a retry in ${Math.ceil(waitMs / 1000)}s exceeds the time left`);
        if (!budget.take()) throw stop(`the batch spent its ${policy.batchRetries} retries`);
        await sleep(waitMs, deadline.signal(FINAL_RESERVE_MS)).catch(() => {
          throw stop('no time left to retry');
        });
      } finally {
        transport.close();
      }
    }
  }

  return {
    name: 'email',
    async send(findings: readonly Finding[], context: NotifyContext): Promise<DeliveryReport> {
      const key = (f: Finding) => `email:${settings.to.join(',')}:${f.dedupKey}`;
      const claims = await claimDeliveries(atLeast(findings, settings.minSeverity, SEVERITIES), key, context);
      if (claims.fresh.length > 0) {
        try {
          await deliver(claims.fresh, context);
        } catch (error) {
          await claims.unsent(claims.fresh);
          throw error;
        }
        await claims.sent(claims.fresh);
      }
      if (claims.pending > 0) {
        throw fail(`${claims.pending} finding(s) still being sent by another invocation`, undefined, true);
      }
      return { sent: claims.fresh.length > 0 ? 1 : 0, alreadySent: claims.alreadySent };
    },
  };
}
