/**
 * Builds the enabled notifiers from their settings: each is on when its
 * settings are there; the console is used when nothing else is configured.
 */
import { consoleNotifier } from './console.js';
import { emailNotifier } from './email.js';
import type { Notifier } from './notifier.js';
import { type NotifySettings, secretsOf } from './settings.js';
import { telegramNotifier } from './telegram.js';

/** The notifiers the settings enable, or the console alone. */
export function createNotifiers(settings: NotifySettings, write?: (text: string) => void): Notifier[] {
  const secrets = secretsOf(settings);
  const enabled: Notifier[] = [];
  if (settings.telegram) enabled.push(telegramNotifier(settings.telegram));
  if (settings.email) enabled.push(emailNotifier(settings.email, secrets));
  return enabled.length > 0 ? enabled : [consoleNotifier(write)];
}
