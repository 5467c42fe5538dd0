/**
 * Notifier settings, read once at start from the environment (secrets
 * resolved by the platform) and validated. Each notifier declares its own
 * variables in `<name>-settings.ts` (`telegram-settings.ts`,
 * `email-settings.ts`); this module is the entry point that reads them all
 * through the registry of `./index.ts`. Messages name the bad variable,
 * never its value when it is a secret.
 */
export type { EmailSettings } from './email-settings.js';
export { type NotifySettings, loadNotifySettings, secretsOf } from './index.js';
export type { TelegramChat, TelegramSettings } from './telegram-settings.js';
