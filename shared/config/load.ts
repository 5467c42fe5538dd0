/**
 * Loads the configuration once, at start: a JSON or YAML file
 * (`AUDIT_RESPONDER_CONFIG` or `--config`), or inline JSON
 * (`AUDIT_RESPONDER_CONFIG_JSON`), then environment overrides. A wrong
 * config throws a {@link ConfigError} naming the bad key.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError, describeError } from '../errors.js';
import { type Env, envBoolean, envList, envString } from './env.js';
import { type Config, configSchema } from './schema.js';

/** Where the configuration comes from. */
export interface LoadConfigOptions {
  /** Environment to read. @default process.env */
  readonly env?: Env;
  /** A config file path that wins over `AUDIT_RESPONDER_CONFIG`. */
  readonly file?: string;
  /** Valid rule ids; unknown ids in `rules` are rejected with this list. */
  readonly ruleIds: readonly string[];
  /**
   * Parser for YAML config files (the `yaml` package's `parse`). Without it
   * only JSON is read: the functions ship their stage config as JSON, so the
   * YAML parser stays out of their cold start. @default JSON only
   */
  readonly parseYaml?: (text: string) => unknown;
}

/** Read, merge and validate the configuration. */
export function loadConfig(options: LoadConfigOptions): Config {
  const env = options.env ?? process.env;
  const base = readBase(options.file ?? envString(env, 'AUDIT_RESPONDER_CONFIG'), envString(env, 'AUDIT_RESPONDER_CONFIG_JSON'), options.parseYaml);
  const merged = applyEnv(base, env);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(`invalid config: ${describeIssues(parsed.error)}`);
  // `sigma:<id>` names a Sigma rule: checked once the Sigma rules are loaded.
  const unknown = Object.keys(parsed.data.rules).filter((id) => !id.startsWith('sigma:') && !options.ruleIds.includes(id));
  if (unknown.length > 0) {
    throw new ConfigError(
      `invalid config: rules.${unknown[0]}: unknown rule id; valid ids: ${options.ruleIds.join(', ')}`,
    );
  }
  return parsed.data;
}

function readBase(
  file: string | undefined,
  inline: string | undefined,
  parseYaml: ((text: string) => unknown) | undefined,
): Record<string, unknown> {
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read config file ${file}: ${describeError(error)}`);
    }
    return asObject(parseText(text, file, parseYaml), file);
  }
  if (inline) return asObject(parseText(inline, 'AUDIT_RESPONDER_CONFIG_JSON', parseYaml), 'AUDIT_RESPONDER_CONFIG_JSON');
  return {};
}

function parseText(text: string, where: string, parseYaml: ((text: string) => unknown) | undefined): unknown {
  try {
    return parseYaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const hint = parseYaml ? '' : ' (JSON expected here; YAML is read by the CLI and scripts)';
    throw new ConfigError(`cannot parse ${where}${hint}: ${describeError(error).split('\n')[0]}`);
  }
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${where}: the configuration must be an object`);
  }
  return value as Record<string, unknown>;
}

/**
 * The variables that override config keys: `OWN_ACCOUNT_IDS` (`ownAccounts`,
 * comma-separated), `S3_ENDPOINT`, `S3_REGION`, `S3_FORCE_PATH_STYLE`,
 * `MAX_OBJECT_BYTES` (`storage.*`), `REMEDIATION_MODE` (`remediation.mode`),
 * `RESPONDER_PRINCIPAL_ARN` (added to `remediation.selfPrincipals`). Their
 * defaults are the schema's.
 */
export const CONFIG_OVERRIDE_VARIABLES = [
  'OWN_ACCOUNT_IDS',
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_FORCE_PATH_STYLE',
  'MAX_OBJECT_BYTES',
  'REMEDIATION_MODE',
  'RESPONDER_PRINCIPAL_ARN',
] as const;

/** Apply the {@link CONFIG_OVERRIDE_VARIABLES} to the file's config. */
function applyEnv(base: Record<string, unknown>, env: Env): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  const own = envList(env, 'OWN_ACCOUNT_IDS');
  if (envString(env, 'OWN_ACCOUNT_IDS')) out.ownAccounts = own;
  const storage: Record<string, unknown> = { ...(base.storage as Record<string, unknown> | undefined) };
  const endpoint = envString(env, 'S3_ENDPOINT');
  if (endpoint) storage.endpoint = endpoint;
  const region = envString(env, 'S3_REGION');
  if (region) storage.region = region;
  const pathStyle = envBoolean(env, 'S3_FORCE_PATH_STYLE');
  if (pathStyle !== undefined) storage.forcePathStyle = pathStyle;
  // Validated (and its default given) by the schema, like the file's value.
  const maxObjectBytes = envString(env, 'MAX_OBJECT_BYTES');
  if (maxObjectBytes) storage.maxObjectBytes = Number(maxObjectBytes);
  if (Object.keys(storage).length > 0) out.storage = storage;
  const remediation: Record<string, unknown> = { ...(base.remediation as Record<string, unknown> | undefined) };
  const mode = envString(env, 'REMEDIATION_MODE');
  if (mode) remediation.mode = mode;
  const principal = envString(env, 'RESPONDER_PRINCIPAL_ARN');
  if (principal) {
    const self = Array.isArray(remediation.selfPrincipals) ? remediation.selfPrincipals : [];
    remediation.selfPrincipals = [...self, principal];
  }
  if (Object.keys(remediation).length > 0) out.remediation = remediation;
  return out;
}

/** `storage.endpoint: Invalid URL` — the path of the first issue and its message. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const keys = 'keys' in issue && Array.isArray(issue.keys) ? issue.keys : undefined;
      if (keys) return `${path ? `${path}.` : ''}${keys.join(', ')}: unknown key`;
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}
