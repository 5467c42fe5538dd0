/**
 * What most fault scenarios share: the bot token, the CloudTrail key layout,
 * a function environment over the local servers, and counters of what the
 * Bot API fake and the SMTP server received.
 */
import type { TestSmtp } from '../../helpers/smtp-server.js';
import type { FakeTelegram } from '../../helpers/telegram-server.js';
import { baseEnv } from './invoke.js';

/** A bot token in the real shape (`<bot id>:<secret>`). */
export const TOKEN = '123456789:AAH-fault_suite_token_0123456789abc';
/** The bucket of every scenario. */
export const BUCKET = 'trail';
/** A CloudTrail key prefix (account, region, day) that objects are named under. */
export const PREFIX = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T1205Z_';

/** Where the function's environment points. */
export interface ScenarioServers {
  readonly s3Url: string;
  readonly bot: FakeTelegram;
  readonly smtp: TestSmtp;
  /** Telegram chats. @default `111` */
  readonly chats?: string;
}

/** A function environment (AWS-style names) over the local servers, plus `extra`. */
export function functionEnv(servers: ScenarioServers, extra: Record<string, string> = {}): Record<string, string> {
  return baseEnv({
    S3_ENDPOINT: servers.s3Url,
    S3_FORCE_PATH_STYLE: 'true',
    S3_REGION: 'us-east-1',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_CHAT_IDS: servers.chats ?? '111',
    TELEGRAM_API_ROOT: servers.bot.apiRoot,
    SMTP_URL: `smtp://alerts:pw@127.0.0.1:${servers.smtp.port}?ignoreTLS=true`,
    EMAIL_FROM: 'alerts@acme.example',
    EMAIL_TO: 'oncall@acme.example',
    NOTIFY_RESERVE_MS: '3000',
    ...extra,
  });
}

/** Messages delivered to `chat` whose text names `id`. */
export const deliveredTo = (bot: FakeTelegram, chat: string, id: string): number =>
  bot.delivered().filter((c) => c.params.chat_id === chat && String(c.params.text).includes(id)).length;

/** Emails received whose text names `id`. */
export const emailsWith = (smtp: TestSmtp, id: string): number => smtp.received.filter((m) => String(m.text).includes(id)).length;

/** The `message`s of the log lines at `level`, with their `reason` when they have one. */
export const logged = (logs: readonly Record<string, unknown>[], level: string): string[] =>
  logs.filter((l) => l.level === level).map((l) => `${String(l.message)}${l.reason !== undefined ? `: ${String(l.reason)}` : ''}`);
