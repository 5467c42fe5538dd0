/**
 * Telegram notifier over the Bot API (`node-telegram-bot-api` v2, `Api`
 * class, no polling; `apiRoot` points it at any Bot API server). Sends each
 * chat its messages for the batch; a 429 is waited out when `retry_after`
 * fits in the time left, otherwise the send fails (the platform retries and
 * the ledger keeps delivered messages from going out twice).
 */
import type { Api } from 'node-telegram-bot-api';
import { NotifyError, describeError, redact } from '../errors.js';
import type { Finding } from '../types.js';
import { SEVERITIES } from '../types.js';
import { type DeliveryReport, type Notifier, type NotifyContext, atLeast } from './notifier.js';
import type { TelegramChat, TelegramSettings } from './settings.js';
import { type TelegramMessage, renderTelegram } from './telegram-render.js';

/** Extra time kept free after a wait, for the rest of the batch. */
const SAFETY_MS = 2_000;

/** The Telegram notifier for the configured chats. */
export function telegramNotifier(settings: TelegramSettings): Notifier {
  // The Bot API client is loaded on the first message, not at cold start.
  let client: Promise<{ api: Api; isApiError: (e: unknown) => e is import('node-telegram-bot-api').TelegramApiError }> | undefined;
  const getClient = () =>
    (client ??= import('node-telegram-bot-api').then((m) => ({
      api: new m.Api(settings.token, { apiRoot: settings.apiRoot, maxRetries: 0, timeoutMs: 10_000 }),
      isApiError: (e: unknown): e is InstanceType<typeof m.TelegramApiError> => e instanceof m.TelegramApiError,
    })));
  const fail = (message: string, status: number | undefined, transient: boolean, cause?: unknown) =>
    new NotifyError('telegram', redact(message, [settings.token]), status, transient, cause ? { cause } : undefined);

  async function post(chat: TelegramChat, message: TelegramMessage, context: NotifyContext): Promise<void> {
    const { api, isApiError } = await getClient();
    for (;;) {
      try {
        await api.sendMessage({
          chat_id: chat.chatId,
          text: message.html,
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(chat.threadId !== undefined ? { message_thread_id: chat.threadId } : {}),
        });
        return;
      } catch (error) {
        if (!isApiError(error)) {
          throw fail(`chat ${chat.chatId}: ${describeError(error)}`, undefined, true, error);
        }
        const waitMs = (error.retryAfter ?? 0) * 1000;
        if (error.errorCode === 429 && waitMs + SAFETY_MS < context.remainingMs()) {
          await new Promise((resolve) => setTimeout(resolve, waitMs));
          continue;
        }
        const transient = error.errorCode === 429 || error.errorCode >= 500;
        const wait = error.errorCode === 429 ? ` (retry_after ${error.retryAfter}s exceeds the time left)` : '';
        throw fail(`chat ${chat.chatId}: ${error.errorCode} ${error.description}${wait}`, error.errorCode, transient, error);
      }
    }
  }

  return {
    name: 'telegram',
    async send(findings: readonly Finding[], context: NotifyContext): Promise<DeliveryReport> {
      let sent = 0;
      let alreadySent = 0;
      const failures: NotifyError[] = [];
      for (const chat of settings.chats) {
        const key = (f: Finding) => `telegram:${chat.chatId}:${chat.threadId ?? ''}:${f.dedupKey}`;
        const wanted = atLeast(findings, chat.minSeverity, SEVERITIES);
        const fresh: Finding[] = [];
        for (const f of wanted) {
          if (await context.ledger.has(key(f))) alreadySent += 1;
          else fresh.push(f);
        }
        try {
          for (const message of renderTelegram(fresh, { maxMessages: settings.maxMessagesPerBatch })) {
            await post(chat, message, context);
            for (const f of message.findings) await context.ledger.add(key(f));
            sent += 1;
          }
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
