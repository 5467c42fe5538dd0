/**
 * Email notifier over SMTP with nodemailer: AWS SES SMTP, Yandex Cloud
 * Postbox SMTP or any relay. One multipart (text + HTML) message per batch
 * to every recipient; `smtps://` is TLS from the start, `smtp://` upgrades
 * with STARTTLS when the server offers it (nodemailer URL options such as
 * `?requireTLS=true` are honoured).
 */
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { NotifyError, describeError, redact } from '../errors.js';
import type { Finding } from '../types.js';
import { SEVERITIES } from '../types.js';
import { renderEmail } from './email-render.js';
import { type DeliveryReport, type Notifier, type NotifyContext, atLeast } from './notifier.js';
import type { EmailSettings } from './settings.js';

/** SMTP reply codes that will not change on retry. */
const PERMANENT = (code: number | undefined) => code !== undefined && code >= 500 && code !== 554;

/** The email notifier for the configured recipients. */
export function emailNotifier(settings: EmailSettings, secrets: readonly string[] = []): Notifier {
  // nodemailer is loaded on the first email, not at cold start.
  let transport: Promise<Transporter> | undefined;
  const getTransport = () => (transport ??= import('nodemailer').then((m) => m.createTransport(settings.url)));
  const domain = /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? 'audit-responder.local';
  return {
    name: 'email',
    async send(findings: readonly Finding[], context: NotifyContext): Promise<DeliveryReport> {
      const key = (f: Finding) => `email:${settings.to.join(',')}:${f.dedupKey}`;
      const fresh: Finding[] = [];
      let alreadySent = 0;
      for (const f of atLeast(findings, settings.minSeverity, SEVERITIES)) {
        if (await context.ledger.has(key(f))) alreadySent += 1;
        else fresh.push(f);
      }
      if (fresh.length === 0) return { sent: 0, alreadySent };
      const mail = renderEmail(fresh);
      const id = createHash('sha256').update(fresh.map((f) => f.dedupKey).join('\n')).digest('hex').slice(0, 32);
      try {
        await (await getTransport()).sendMail({
          from: settings.from,
          to: [...settings.to],
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          date: new Date(),
          messageId: `<${id}@${domain}>`,
          headers: { 'X-Audit-Responder-Findings': String(fresh.length) },
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        throw new NotifyError('email', redact(`SMTP delivery failed: ${describeError(error)}`, secrets), code, !PERMANENT(code), { cause: error });
      }
      for (const f of fresh) await context.ledger.add(key(f));
      return { sent: 1, alreadySent };
    },
  };
}
