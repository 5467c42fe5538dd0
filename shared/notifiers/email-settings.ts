/**
 * Email settings, read once at start from the environment (the SMTP URL
 * resolved by the platform) and validated. On when all three of `SMTP_URL`,
 * `EMAIL_FROM` and `EMAIL_TO` are set; some of them alone is an error.
 *
 * | Variable | Meaning | Default |
 * | --- | --- | --- |
 * | `SMTP_URL` | `smtp://` or `smtps://user:pass@host:port`, nodemailer query options allowed (secret) | none |
 * | `EMAIL_FROM` | sender, `address` or `Name <address>` | none |
 * | `EMAIL_TO` | comma-separated recipients | none |
 * | `EMAIL_MIN_SEVERITY` | minimum severity mailed | `low` |
 */
import { z } from 'zod';
import { envList, envSeverity, envString } from '../config/env.js';
import { ConfigError } from '../errors.js';
import type { Severity } from '../types.js';
import type { NotifierSettingsDeclaration } from './declaration.js';

/** Email settings; present only when SMTP_URL, EMAIL_FROM and EMAIL_TO are set. */
export interface EmailSettings {
  readonly url: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly minSeverity: Severity;
}

const EMAIL = z.string().email();

/** The email notifier's settings declaration. */
export const emailSettings: NotifierSettingsDeclaration<'email', EmailSettings> = {
  key: 'email',
  variables: ['SMTP_URL', 'EMAIL_FROM', 'EMAIL_TO', 'EMAIL_MIN_SEVERITY'],
  secretNames: ['SMTP_URL'],
  load(env) {
    const url = envString(env, 'SMTP_URL');
    const from = envString(env, 'EMAIL_FROM');
    const to = envList(env, 'EMAIL_TO');
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
    return { url, from, to, minSeverity: envSeverity(env, 'EMAIL_MIN_SEVERITY', 'low') };
  },
  secretValues(settings) {
    const password = new URL(settings.url).password;
    return password ? [password, decodeURIComponent(password)] : [];
  },
};
