/**
 * `npx tsx scripts/secret-names.ts`: the environment variables that hold
 * secrets, as every notifier declares them (`shared/notifiers/*-settings.ts`),
 * space-separated. deploy/yandex/deploy.sh maps each to a key of the stage's
 * Lockbox secret; on AWS the same names are read from SSM (`<NAME>_PARAM`).
 */
import { SECRET_NAMES } from '../shared/secrets/ssm.js';

/** The names as printed: space-separated, in registry order. */
export function secretNamesLine(): string {
  return SECRET_NAMES.join(' ');
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) process.stdout.write(secretNamesLine());
