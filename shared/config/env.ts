/**
 * Typed getters for environment variables: the only place that indexes the
 * environment. Every setting module (`./runtime-settings.ts`, `./load.ts`,
 * each notifier's `*-settings.ts`) reads through these, so an empty value
 * means "not set" everywhere and a bad value fails at start by name.
 */
import { ConfigError } from '../errors.js';
import { SEVERITIES, type Severity } from '../types.js';

/** The environment as given to the runtime (`process.env`, or a test's own). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Words accepted as true / false, compared lower-case and trimmed. */
const TRUTHY = new Set(['1', 'true', 'yes', 'on']);
const FALSY = new Set(['0', 'false', 'no', 'off']);

/** The value of `name`; an empty value counts as unset. */
export function envString(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A comma-separated list, entries trimmed, empty entries dropped. @default [] */
export function envList(env: Env, name: string): string[] {
  return (envString(env, name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * A boolean (`1/true/yes/on`, `0/false/no/off`).
 * @throws {ConfigError} naming the variable for any other value
 */
export function envBoolean(env: Env, name: string): boolean | undefined {
  const value = envString(env, name);
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (TRUTHY.has(v)) return true;
  if (FALSY.has(v)) return false;
  throw new ConfigError(`invalid config: ${name}: expected true or false, got "${value}"`);
}

/** Bounds of {@link envInteger}, and how to describe them in the error. */
export interface IntegerBounds {
  readonly min: number;
  readonly max: number;
  /** Unit named in the error, e.g. `milliseconds`. */
  readonly unit?: string;
}

/**
 * An integer within `bounds`.
 * @throws {ConfigError} `NAME: expected an integer from MIN to MAX (unit)`
 */
export function envInteger(env: Env, name: string, bounds: IntegerBounds): number | undefined {
  const text = envString(env, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new ConfigError(`${name}: expected an integer from ${bounds.min} to ${bounds.max}${bounds.unit ? ` (${bounds.unit})` : ''}`);
  }
  return value;
}

/**
 * A severity name (any case).
 * @throws {ConfigError} `NAME: expected one of info, low, …, got "x"`
 */
export function envSeverity(env: Env, name: string, fallback: Severity): Severity {
  const value = envString(env, name);
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(lower)) {
    throw new ConfigError(`${name}: expected one of ${SEVERITIES.join(', ')}, got "${value}"`);
  }
  return lower as Severity;
}
