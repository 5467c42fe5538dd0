/**
 * Telegram settings, read once at start from the environment (the token
 * resolved by the platform) and validated. On when the token and chats are set.
 *
 * | Variable | Meaning | Default |
 * | --- | --- | --- |
 * | `TELEGRAM_BOT_TOKEN` | bot token (secret) | none |
 * | `TELEGRAM_CHAT_IDS` | comma-separated `chatId[:threadId][@minSeverity]` | none |
 * | `TELEGRAM_MIN_SEVERITY` | minimum severity of chats without `@minSeverity` | `low` |
 * | `TELEGRAM_API_ROOT` | Bot API root (tests, proxies) | `https://api.telegram.org` |
 * | `TELEGRAM_MAX_MESSAGES` | most messages per chat per batch, 1–50 | 5 |
 */
import { z } from 'zod';
import { envInteger, envList, envSeverity, envString } from '../config/env.js';
import { ConfigError } from '../errors.js';
import type { Severity } from '../types.js';
import type { NotifierSettingsDeclaration } from './declaration.js';

/** One Telegram destination. */
export interface TelegramChat {
  /** Numeric chat id (`-100…` for groups/channels) or `@channelname`. */
  readonly chatId: string;
  /** Forum topic (message_thread_id). */
  readonly threadId?: number;
  readonly minSeverity: Severity;
}

/** Telegram settings; present only when token and chats are set. */
export interface TelegramSettings {
  readonly token: string;
  readonly apiRoot: string;
  readonly chats: readonly TelegramChat[];
  /** Most messages per chat per batch; the last one counts what did not fit. @default 5 */
  readonly maxMessagesPerBatch: number;
}

const TOKEN = /^\d{3,}:[A-Za-z0-9_-]{20,}$/;
const CHAT = /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,})(?::(\d+))?(?:@(info|low|medium|high|critical))?$/;
const DEFAULT_API_ROOT = 'https://api.telegram.org';
const DEFAULT_MAX_MESSAGES = 5;

/** The Telegram notifier's settings declaration. */
export const telegramSettings: NotifierSettingsDeclaration<'telegram', TelegramSettings> = {
  key: 'telegram',
  variables: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_CHAT_IDS', 'TELEGRAM_MIN_SEVERITY', 'TELEGRAM_API_ROOT', 'TELEGRAM_MAX_MESSAGES'],
  secretNames: ['TELEGRAM_BOT_TOKEN'],
  load(env) {
    const token = envString(env, 'TELEGRAM_BOT_TOKEN');
    const chatsText = envString(env, 'TELEGRAM_CHAT_IDS');
    if (!token && !chatsText) return undefined;
    if (!token) throw new ConfigError('TELEGRAM_CHAT_IDS is set but TELEGRAM_BOT_TOKEN is not');
    if (!TOKEN.test(token)) throw new ConfigError('TELEGRAM_BOT_TOKEN: does not look like a bot token (<digits>:<secret>); value not shown');
    const fallback = envSeverity(env, 'TELEGRAM_MIN_SEVERITY', 'low');
    const chats = envList(env, 'TELEGRAM_CHAT_IDS').map((entry) => {
      const m = CHAT.exec(entry);
      if (!m?.[1]) throw new ConfigError(`TELEGRAM_CHAT_IDS: "${entry}" is not chatId[:threadId][@minSeverity]`);
      return {
        chatId: m[1],
        ...(m[2] ? { threadId: Number(m[2]) } : {}),
        minSeverity: (m[3] as Severity | undefined) ?? fallback,
      };
    });
    if (chats.length === 0) throw new ConfigError('TELEGRAM_BOT_TOKEN is set but TELEGRAM_CHAT_IDS is empty');
    const apiRoot = envString(env, 'TELEGRAM_API_ROOT') ?? DEFAULT_API_ROOT;
    if (!z.string().url().safeParse(apiRoot).success) throw new ConfigError(`TELEGRAM_API_ROOT: not a URL: "${apiRoot}"`);
    const max = envInteger(env, 'TELEGRAM_MAX_MESSAGES', { min: 1, max: 50 }) ?? DEFAULT_MAX_MESSAGES;
    return { token, apiRoot: apiRoot.replace(/\/+$/, ''), chats, maxMessagesPerBatch: max };
  },
  secretValues: (settings) => [settings.token],
};
