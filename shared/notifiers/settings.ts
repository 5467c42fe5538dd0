/**
 * Notifier settings, read once at start from the environment (secrets
 * resolved by the platform) and validated. Messages name the bad variable,
 * never its value when it is a secret.
 *
 * - `TELEGRAM_BOT_TOKEN`, `TELEGRAM_CHAT_IDS` (comma-separated
 *   `chatId[:threadId][@minSeverity]`), `TELEGRAM_API_ROOT`,
 *   `TELEGRAM_MIN_SEVERITY`, `TELEGRAM_MAX_MESSAGES`
 * - `SMTP_URL` (`smtp://` or `smtps://user:pass@host:port`, nodemailer
 *   query options allowed), `EMAIL_FROM`, `EMAIL_TO` (comma-separated),
 *   `EMAIL_MIN_SEVERITY`
 */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { SEVERITIES, type Severity } from '../types.js';

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

/** Email settings; present only when SMTP_URL, EMAIL_FROM and EMAIL_TO are set. */
export interface EmailSettings {
  readonly url: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly minSeverity: Severity;
}

/** Every configured destination. */
export interface NotifySettings {
  readonly telegram?: TelegramSettings;
  readonly email?: EmailSettings;
}

const severity = z.enum(SEVERITIES);
const TOKEN = /^\d{3,}:[A-Za-z0-9_-]{20,}$/;
const CHAT = /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,})(?::(\d+))?(?:@(info|low|medium|high|critical))?$/;
const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function parseSeverity(name: string, value: string | undefined, fallback: Severity): Severity {
  if (value === undefined || value === '') return fallback;
  const parsed = severity.safeParse(value.toLowerCase());
  if (!parsed.success) throw new ConfigError(`${name}: expected one of ${SEVERITIES.join(', ')}, got "${value}"`);
  return parsed.data;
}

function telegramSettings(env: NodeJS.ProcessEnv): TelegramSettings | undefined {
  const token = env.TELEGRAM_BOT_TOKEN;
  const chatsText = env.TELEGRAM_CHAT_IDS;
  if (!token && !chatsText) return undefined;
  if (!token) throw new ConfigError('TELEGRAM_CHAT_IDS is set but TELEGRAM_BOT_TOKEN is not');
  if (!TOKEN.test(token)) throw new ConfigError('TELEGRAM_BOT_TOKEN: does not look like a bot token (<digits>:<secret>); value not shown');
  const fallback = parseSeverity('TELEGRAM_MIN_SEVERITY', env.TELEGRAM_MIN_SEVERITY, 'low');
  const chats = list(chatsText).map((entry) => {
    const m = CHAT.exec(entry);
    if (!m?.[1]) throw new ConfigError(`TELEGRAM_CHAT_IDS: "${entry}" is not chatId[:threadId][@minSeverity]`);
    return {
      chatId: m[1],
      ...(m[2] ? { threadId: Number(m[2]) } : {}),
      minSeverity: (m[3] as Severity | undefined) ?? fallback,
    };
  });
  if (chats.length === 0) throw new ConfigError('TELEGRAM_BOT_TOKEN is set but TELEGRAM_CHAT_IDS is empty');
  const apiRoot = env.TELEGRAM_API_ROOT || 'https://api.telegram.org';
  if (!z.string().url().safeParse(apiRoot).success) throw new ConfigError(`TELEGRAM_API_ROOT: not a URL: "${apiRoot}"`);
  const max = Number(env.TELEGRAM_MAX_MESSAGES ?? 5);
  if (!Number.isInteger(max) || max < 1 || max > 50) throw new ConfigError('TELEGRAM_MAX_MESSAGES: expected an integer from 1 to 50');
  return { token, apiRoot: apiRoot.replace(/\/+$/, ''), chats, maxMessagesPerBatch: max };
}

const EMAIL = z.string().email();

function emailSettings(env: NodeJS.ProcessEnv): EmailSettings | undefined {
  const { SMTP_URL: url, EMAIL_FROM: from } = env;
  const to = list(env.EMAIL_TO);
  if (!url && !from && to.length === 0) return undefined;
  if (!url || !from || to.length === 0) {
    const missing = [!url && 'SMTP_URL', !from && 'EMAIL_FROM', to.length === 0 && 'EMAIL_TO'].filter(Boolean);
    throw new ConfigError(`email is partly configured: ${missing.join(', ')} missing`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('SMTP_URL: not a URL (expected smtp:// or smtps://user:pass@host:port); value not shown');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new ConfigError(`SMTP_URL: scheme must be smtp or smtps, got "${parsed.protocol.replace(':', '')}"`);
  }
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
  if (!EMAIL.safeParse(address).success) throw new ConfigError(`EMAIL_FROM: not an email address: "${from}"`);
  for (const rcpt of to) {
    if (!EMAIL.safeParse(rcpt).success) throw new ConfigError(`EMAIL_TO: not an email address: "${rcpt}"`);
  }
  return { url, from, to, minSeverity: parseSeverity('EMAIL_MIN_SEVERITY', env.EMAIL_MIN_SEVERITY, 'low') };
}

/** Read and validate every notifier's settings. @throws {ConfigError} naming the variable */
export function loadNotifySettings(env: NodeJS.ProcessEnv): NotifySettings {
  const telegram = telegramSettings(env);
  const email = emailSettings(env);
  return { ...(telegram ? { telegram } : {}), ...(email ? { email } : {}) };
}

/** The secret values of the settings, for redaction. */
export function secretsOf(settings: NotifySettings): string[] {
  const out: string[] = [];
  if (settings.telegram) out.push(settings.telegram.token);
  if (settings.email) {
    const url = new URL(settings.email.url);
    if (url.password) out.push(url.password, decodeURIComponent(url.password));
  }
  return out;
}
