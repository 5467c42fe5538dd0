/**
 * Telegram notifier over the Bot API (`node-telegram-bot-api` v2, `Api`
 * class, no polling; `apiRoot` points it at any Bot API server). Chats are
 * sent in order, one slow chat never starves the next: every call has
 * a timeout and an abort signal from the invocation's deadline, and each
 * chat gets its fair share of the time left; a `429` or a
 * 5xx / network error is retried with bounded backoff (see
 * `./retry-policy.ts`) while the wait fits in the time left, otherwise the
 * send fails (the platform retries and the ledger keeps delivered messages
 * from going out twice).
 */
import type { Api, TelegramApiError } from 'node-telegram-bot-api';
import { NotifyError, describeError, redact } from '../errors.js';
import { type Deadline, shareOf, sleep } from '../lib/deadline.js';
import type { Finding } from '../types.js';
import { SEVERITIES } from '../types.js';
import { claimDeliveries } from './delivery.js';
import { type DeliveryReport, type Notifier, type NotifyContext, atLeast, deadlineOf } from './notifier.js';
import { DEFAULT_RETRY_POLICY, type RetryBudget, type RetryPolicy, retryBudget, retryDelayMs } from './retry-policy.js';
import type { TelegramChat, TelegramSettings } from './telegram-settings.js';
import { type TelegramMessage, renderTelegram } from './telegram-render.js';

/** Extra time kept free after a wait, for the rest of the batch. */
const SAFETY_MS = 2_000;
/** Longest single Bot API call. */
const CALL_TIMEOUT_MS = 10_000;
/** Time kept free after the last call, for logging and the ledger. */
const FINAL_RESERVE_MS = 1_000;

interface Client {
  readonly api: Api;
  readonly isApiError: (e: unknown) => e is TelegramApiError;
}

/** The Telegram notifier for the configured chats. */
export function telegramNotifier(settings: TelegramSettings, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Notifier {
  // The Bot API client is loaded on the first message, not at cold start.
  let client: Promise<Client> | undefined;
  const getClient = () =>
    (client ??= import('node-telegram-bot-api').then((m) => ({
      api: new m.Api(settings.token, { apiRoot: settings.apiRoot, maxRetries: 0, timeoutMs: CALL_TIMEOUT_MS }),
      isApiError: (e: unknown): e is TelegramApiError => e instanceof m.TelegramApiError,
    })));
  const fail = (message: string, status: number | undefined, transient: boolean, cause?: unknown) =>
    new NotifyError('telegram', redact(message, [settings.token]), status, transient, cause ? { cause } : undefined);

  async function post(chat: TelegramChat, message: TelegramMessage, deadline: Deadline, budget: RetryBudget): Promise<void> {
    const { api, isApiError } = await getClient();
    for (let attempt = 1; ; attempt++) {
      // `deadline` is this chat's share, which already leaves the final reserve free.
      const signal = deadline.signal();
      let why: string;
      let status: number | undefined;
      let retryAfter: number | undefined;
      try {
        await api.sendMessage(
          {
            chat_id: chat.chatId,
            text: message.html,
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(chat.threadId !== undefined ? { message_thread_id: chat.threadId } : {}),
          },
          signal,
        );
        return;
      } catch (error) {
        if (signal.aborted) throw fail(`chat ${chat.chatId}: no time left in this invocation (${describeError(signal.reason)})`, undefined, true, error);
        if (isApiError(error)) {
          status = error.errorCode;
          const transient = status === 429 || status >= 500;
          why = `${status} ${error.description}`;
          if (!transient) throw fail(`chat ${chat.chatId}: ${why}`, status, false, error);
          if (status === 429) retryAfter = error.retryAfter;
        } else {
          why = describeError(error);
        }
        const waitMs = retryDelayMs(attempt, policy, retryAfter);
        const stop = (reason: string) => fail(`chat ${chat.chatId}: ${why} (${reason})`, status, true, error);
        if (attempt >= policy.maxAttempts) throw stop(`gave up after ${attempt} attempts`);
        if (waitMs + SAFETY_MS > deadline.remainingMs()) {
          throw stop(retryAfter !== undefined && retryAfter > 0 ? `retry_after ${retryAfter}s exceeds the time left` : `a retry in ${Math.ceil(waitMs / 1000)}s exceeds the time left`);
        }
        if (!budget.take()) throw stop(`the batch spent its ${policy.batchRetries} retries`);
        await sleep(waitMs, deadline.signal()).catch((e: unknown) => {
          throw stop(`no time left to retry: ${describeError(e)}`);
        });
      }
    }
  }

  async function sendChat(chat: TelegramChat, findings: readonly Finding[], context: NotifyContext, deadline: Deadline, budget: RetryBudget) {
    const key = (f: Finding) => `telegram:${chat.chatId}:${chat.threadId ?? ''}:${f.dedupKey}`;
    const claims = await claimDeliveries(atLeast(findings, chat.minSeverity, SEVERITIES), key, context);
    const messages = renderTelegram(claims.fresh, { maxMessages: settings.maxMessagesPerBatch });
    let sent = 0;
    for (const [index, message] of messages.entries()) {
      try {
        await post(chat, message, deadline, budget);
      } catch (error) {
        await claims.unsent(messages.slice(index).flatMap((m) => m.findings));
        throw error;
      }
      await claims.sent(message.findings);
      sent += 1;
    }
    if (claims.pending > 0) {
      throw fail(`chat ${chat.chatId}: ${claims.pending} finding(s) still being sent by another invocation`, undefined, true);
    }
    return { sent, alreadySent: claims.alreadySent };
  }

  return {
    name: 'telegram',
    async send(findings: readonly Finding[], context: NotifyContext): Promise<DeliveryReport> {
      const budget = context.retryBudget ?? retryBudget(policy.batchRetries);
      const whole = deadlineOf(context);
      let sent = 0;
      let alreadySent = 0;
      const failures: NotifyError[] = [];
      for (const [index, chat] of settings.chats.entries()) {
        // A fair share of what is left: a chat that hangs cannot take the next chat's time.
        const share = (whole.remainingMs() - FINAL_RESERVE_MS) / (settings.chats.length - index);
        try {
          const result = await sendChat(chat, findings, context, shareOf(whole, share), budget);
          sent += result.sent;
          alreadySent += result.alreadySent;
        } catch (error) {
          failures.push(error instanceof NotifyError ? error : fail(describeError(error), undefined, true, error));
        }
      }
      if (failures.length > 0) {
        const transient = failures.some((f) => f.transient);
        throw new NotifyError('telegram', failures.map((f) => f.message.replace(/^telegram: /, '')).join('; '), failures[0]?.status, transient);
      }
      return { sent, alreadySent };
    },
  };
}
