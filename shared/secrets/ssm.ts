/**
 * Secrets at run time from SSM Parameter Store (SecureString), never from
 * plain environment variables or the CloudFormation template: for each
 * `NAME_PARAM=/path/to/parameter` variable, the decrypted value becomes
 * `NAME` in the environment the runtime reads. Fetched once per cold start
 * and cached; errors name the parameter, never a value.
 */
import { type Env, envString } from '../config/env.js';
import type { GetParametersCommandOutput } from '@aws-sdk/client-ssm';
import { ConfigError, describeError } from '../errors.js';
import { NOTIFIER_SECRET_NAMES } from '../notifiers/index.js';

/**
 * Secrets that may be given as `<NAME>_PARAM`: the secret names each
 * notifier declares (`shared/notifiers/*-settings.ts`).
 */
export const SECRET_NAMES: readonly string[] = NOTIFIER_SECRET_NAMES;

/** The SSM parameter names the environment asks for (`<NAME>_PARAM`), by secret. */
export function secretParams(env: Env): { readonly name: string; readonly param: string }[] {
  return SECRET_NAMES.flatMap((name) => {
    const param = envString(env, `${name}_PARAM`);
    return param && !envString(env, name) ? [{ name, param }] : [];
  });
}

/** Options of {@link resolveSecrets}. */
export interface ResolveSecretsOptions {
  /** SSM endpoint override (tests). */
  readonly endpoint?: string;
  readonly clientConfig?: Record<string, unknown>;
}

/** The environment with `<NAME>_PARAM` parameters fetched into `<NAME>`. */
export async function resolveSecrets(env: NodeJS.ProcessEnv, options: ResolveSecretsOptions = {}): Promise<NodeJS.ProcessEnv> {
  const wanted = secretParams(env);
  if (wanted.length === 0) return env;
  const { SSMClient, GetParametersCommand } = await import('@aws-sdk/client-ssm');
  const client = new SSMClient({ ...(options.endpoint ? { endpoint: options.endpoint } : {}), ...options.clientConfig });
  let out: GetParametersCommandOutput;
  try {
    out = await client.send(new GetParametersCommand({ Names: wanted.map((w) => w.param), WithDecryption: true }));
  } catch (error) {
    throw new ConfigError(`cannot read secrets from SSM (${wanted.map((w) => w.param).join(', ')}): ${describeError(error)}`);
  } finally {
    client.destroy();
  }
  if (out.InvalidParameters?.length) throw new ConfigError(`SSM parameters not found: ${out.InvalidParameters.join(', ')}`);
  const resolved: NodeJS.ProcessEnv = { ...env };
  for (const { name, param } of wanted) {
    const value = out.Parameters?.find((p) => p.Name === param)?.Value;
    if (!value) throw new ConfigError(`SSM parameter ${param} (for ${name}) has no value`);
    resolved[name] = value;
  }
  return resolved;
}

/**
 * The stage file's `deploy:` key holding the SSM parameter path of a secret:
 * `TELEGRAM_BOT_TOKEN` → `telegramBotTokenParam` (serverless.yml passes it
 * as `TELEGRAM_BOT_TOKEN_PARAM`, `scripts/iam.ts` grants read on it).
 */
export function secretDeployKey(name: string): string {
  const words = name.toLowerCase().split('_');
  return `${words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('')}Param`;
}
