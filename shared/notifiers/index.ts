/**
 * The notifier registry: one line per notifier, its settings declaration
 * (`<name>-settings.ts`) and its constructor. Each is on when its settings
 * are there; the console is used when nothing else is configured. The
 * secret names of the SSM list, the IAM policy and the Yandex deploy script
 * are derived from these entries ({@link NOTIFIER_SECRET_NAMES}).
 */
import type { Env } from '../config/env.js';
import { consoleNotifier } from './console.js';
import type { NotifierSettingsDeclaration } from './declaration.js';
import { emailNotifier } from './email.js';
import { emailSettings } from './email-settings.js';
import type { Notifier } from './notifier.js';
import { telegramNotifier } from './telegram.js';
import { telegramSettings } from './telegram-settings.js';

/** A registry entry: the declaration and how to build the notifier from its settings. */
export interface NotifierEntry<K extends string, S> {
  readonly settings: NotifierSettingsDeclaration<K, S>;
  /** `secrets`: every configured secret value, redacted from what the notifier reports. */
  create(settings: S, secrets: readonly string[]): Notifier;
}

function entry<K extends string, S>(settings: NotifierSettingsDeclaration<K, S>, create: (settings: S, secrets: readonly string[]) => Notifier): NotifierEntry<K, S> {
  return { settings, create };
}

/** Every notifier, in the order they are built (add a notifier here). */
export const NOTIFIERS = [
  entry(telegramSettings, (settings) => telegramNotifier(settings)),
  entry(emailSettings, (settings, secrets) => emailNotifier(settings, secrets)),
] as const;

type Entry = (typeof NOTIFIERS)[number];
type SettingsOf<E> = E extends NotifierEntry<string, infer S> ? S : never;

/** Every configured destination, keyed by notifier. */
export type NotifySettings = { readonly [E in Entry as E['settings']['key']]?: SettingsOf<E> };

/** The environment variables that hold secrets, of every notifier (SSM `<NAME>_PARAM`, Lockbox keys). */
export const NOTIFIER_SECRET_NAMES: readonly string[] = NOTIFIERS.flatMap((e) => e.settings.secretNames);

/** Read and validate every notifier's settings. @throws {ConfigError} naming the variable */
export function loadNotifySettings(env: Env): NotifySettings {
  const out: Record<string, unknown> = {};
  for (const { settings } of NOTIFIERS) {
    const loaded = settings.load(env);
    if (loaded !== undefined) out[settings.key] = loaded;
  }
  return out as NotifySettings;
}

/** Each configured entry with its settings (the one place that pairs them up). */
function configured(settings: NotifySettings): { entry: NotifierEntry<string, unknown>; value: unknown }[] {
  const values: Record<string, unknown> = settings;
  return NOTIFIERS.flatMap((e) => {
    const value = values[e.settings.key];
    return value === undefined ? [] : [{ entry: e as unknown as NotifierEntry<string, unknown>, value }];
  });
}

/** The secret values of the settings, for redaction. */
export function secretsOf(settings: NotifySettings): string[] {
  return configured(settings).flatMap(({ entry, value }) => entry.settings.secretValues(value));
}

/** The notifiers the settings enable, or the console alone. */
export function createNotifiers(settings: NotifySettings, write?: (text: string) => void): Notifier[] {
  const secrets = secretsOf(settings);
  const enabled = configured(settings).map(({ entry, value }) => entry.create(value, secrets));
  return enabled.length > 0 ? enabled : [consoleNotifier(write)];
}
