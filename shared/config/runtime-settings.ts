/**
 * The environment settings of the runtime itself (the configuration file's
 * are in `./load.ts`, each notifier's beside the notifier). Read once by
 * `shared/runtime.ts` and the CLI.
 *
 * | Variable | Meaning | Default |
 * | --- | --- | --- |
 * | `AUDIT_RESPONDER_CONFIG` | config file (JSON; YAML in the CLI) | none |
 * | `AUDIT_RESPONDER_CONFIG_JSON` | inline JSON config | none |
 * | `LOG_LEVEL` | `debug` logs debug lines | `info` |
 * | `NOTIFY_RESERVE_MS` | time kept free after reading for remediating and notifying, 1000–600000 | 10000 (`TIME_RESERVE_MS` of `pipeline/respond.ts`) |
 * | `LEDGER_TABLE` | DynamoDB (or YDB) table of the ledger | in memory |
 * | `LEDGER_ENDPOINT` | DynamoDB-compatible endpoint (Yandex Database) | the AWS endpoint |
 * | `LEDGER_REGION` | region of the ledger client | the SDK's |
 * | `AWS_ACCESS_KEY_ID` | static keys set: Yandex uses them instead of the function's IAM token | the IAM token |
 * | `NO_COLOR` | no colours in the CLI's output | colours on a terminal |
 */
import { type Env, envInteger, envString } from './env.js';

/** Every variable of the table above (the docs and the settings test list them from here). */
export const RUNTIME_VARIABLES = [
  'AUDIT_RESPONDER_CONFIG',
  'AUDIT_RESPONDER_CONFIG_JSON',
  'LOG_LEVEL',
  'NOTIFY_RESERVE_MS',
  'LEDGER_TABLE',
  'LEDGER_ENDPOINT',
  'LEDGER_REGION',
  'AWS_ACCESS_KEY_ID',
  'NO_COLOR',
] as const;

/** Where the ledger (and the correlation state) is kept; absent = in memory. */
export interface LedgerSettings {
  readonly table: string;
  readonly endpoint?: string;
  readonly region?: string;
}

/** The runtime's own environment settings. */
export interface RuntimeSettings {
  /** @default 'info' */
  readonly logLevel: 'debug' | 'info';
  /** The config file path (`AUDIT_RESPONDER_CONFIG`). */
  readonly configFile?: string;
  /** Reserve after reading, in ms. @default the one of `respond` (10 s) */
  readonly reserveMs?: number;
  /** @default in memory */
  readonly ledger?: LedgerSettings;
  /** Whether static AWS-style keys are set (`AWS_ACCESS_KEY_ID`). */
  readonly staticKeys: boolean;
}

/** Read the runtime's settings. @throws {ConfigError} naming the variable */
export function loadRuntimeSettings(env: Env): RuntimeSettings {
  const configFile = envString(env, 'AUDIT_RESPONDER_CONFIG');
  const reserveMs = envInteger(env, 'NOTIFY_RESERVE_MS', { min: 1_000, max: 600_000, unit: 'milliseconds' });
  const table = envString(env, 'LEDGER_TABLE');
  const endpoint = envString(env, 'LEDGER_ENDPOINT');
  const region = envString(env, 'LEDGER_REGION');
  return {
    logLevel: envString(env, 'LOG_LEVEL') === 'debug' ? 'debug' : 'info',
    ...(configFile ? { configFile } : {}),
    ...(reserveMs !== undefined ? { reserveMs } : {}),
    ...(table ? { ledger: { table, ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) } } : {}),
    staticKeys: envString(env, 'AWS_ACCESS_KEY_ID') !== undefined,
  };
}

/** Whether the CLI may colour its output (`NO_COLOR` unset). */
export function colorAllowed(env: Env): boolean {
  return !envString(env, 'NO_COLOR');
}
