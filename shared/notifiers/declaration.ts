/**
 * What a notifier declares about its settings, beside its own code: the
 * variables it reads, which of them are secrets, how to read them and which
 * values to redact. The registry (`./index.ts`) lists one entry per
 * notifier; the SSM secret list, the IAM policy and the Yandex deploy
 * script's Lockbox keys are derived from these declarations.
 */
import type { Env } from '../config/env.js';

/** One notifier's settings declaration. */
export interface NotifierSettingsDeclaration<K extends string, S> {
  /** The key of its settings in `NotifySettings` (e.g. `telegram`). */
  readonly key: K;
  /** Every environment variable it reads (documented in its file). */
  readonly variables: readonly string[];
  /**
   * The variables that hold secrets: on AWS each may be given as
   * `<NAME>_PARAM` (an SSM SecureString), on Yandex as a Lockbox key `<NAME>`.
   */
  readonly secretNames: readonly string[];
  /**
   * Read and validate the settings; `undefined` when none of them is set.
   * @throws {ConfigError} naming the variable, never a secret's value
   */
  load(env: Env): S | undefined;
  /** The secret values of the settings, for redaction. */
  secretValues(settings: S): string[];
}
