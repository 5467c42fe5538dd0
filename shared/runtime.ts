/**
 * Everything a handler needs, built once per cold start: config, rule
 * engine, object reader, notifiers and logger. Tests build their own.
 */
import { loadConfig } from './config/load.js';
import type { Config } from './config/schema.js';
import { createS3Reader } from './io/s3-reader.js';
import type { ObjectReader } from './io/object-ref.js';
import { type Logger, jsonLogger } from './log.js';
import { createNotifiers } from './notifiers/index.js';
import { loadNotifySettings } from './notifiers/settings.js';
import type { Notifier } from './notifiers/notifier.js';
import { type Ledger, memoryLedger } from './store/ledger.js';
import { type Engine, createEngine } from './pipeline/engine.js';
import type { RespondDeps } from './pipeline/respond.js';
import { createRemediator } from './remediation/setup.js';
import { allRules, ruleIds } from './rules/index.js';
import { resolveSecrets } from './secrets/ssm.js';
import { dynamoLedger } from './store/dynamodb-ledger.js';
import { type CorrelationStore, dynamoCorrelationStore, memoryCorrelationStore } from './store/correlation-store.js';
import type { SigmaSetup } from './sigma/setup.js';
import type { Cloud } from './types.js';

/** The ready-to-use parts of a handler. */
export interface Runtime extends RespondDeps {
  readonly config: Config;
  readonly engine: Engine;
}

/** How to build a runtime; every part can be replaced (tests, local runs). */
export interface RuntimeOptions {
  /** Which cloud the function runs in: picks storage defaults. */
  readonly cloud: Cloud;
  readonly env?: NodeJS.ProcessEnv;
  readonly config?: Config;
  readonly reader?: ObjectReader;
  readonly notifiers?: readonly Notifier[];
  readonly logger?: Logger;
  /** Yandex: the function's IAM token, used when no static keys are set. */
  readonly bearerToken?: () => string | undefined;
  /** Replace the ledger (tests). @default DynamoDB table `LEDGER_TABLE`, else in memory */
  readonly ledger?: Ledger;
  /** Loaded Sigma rules (see {@link createRuntimeAsync}). @default none */
  readonly sigma?: { readonly setup: SigmaSetup; readonly withCorrelations: typeof import('./sigma/attach.js').withCorrelations };
  /** Replace the correlation store (tests). @default the ledger table when `LEDGER_TABLE` is set, else in memory */
  readonly correlationStore?: CorrelationStore;
}

const YANDEX_STORAGE = { endpoint: 'https://storage.yandexcloud.net', region: 'ru-central1' } as const;

/** Build a runtime from the environment and the given overrides. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const env = options.env ?? process.env;
  const config = options.config ?? loadConfig({ env, ruleIds });
  const logger = options.logger ?? jsonLogger(env.LOG_LEVEL === 'debug' ? 'debug' : 'info');
  const storage = config.storage;
  const yandexDefaults = options.cloud === 'yandex' && !storage.endpoint;
  const reader =
    options.reader ??
    createS3Reader({
      endpoint: yandexDefaults ? YANDEX_STORAGE.endpoint : storage.endpoint,
      region: yandexDefaults ? YANDEX_STORAGE.region : storage.region,
      forcePathStyle: storage.forcePathStyle,
      maxObjectBytes: storage.maxObjectBytes,
      ...(options.bearerToken && !env.AWS_ACCESS_KEY_ID ? { bearerToken: options.bearerToken } : {}),
    });
  const notifiers = options.notifiers ?? createNotifiers(loadNotifySettings(env));
  const sigma = options.sigma;
  const engine = createEngine(allRules, config, sigma ? { extra: sigma.setup.extra } : {});
  logger.log('info', 'runtime ready', {
    rules: engine.rules.length,
    notifiers: notifiers.map((n) => n.name),
  });
  if (sigma) {
    const set = sigma.setup.set;
    logger.log('info', 'sigma rules', {
      rules: set.rules.length,
      correlations: set.correlations.length,
      notForTheseLogs: set.otherLogs.length,
      skipped: set.refused.length,
      runOnEveryRecord: engine.unindexed,
    });
  }
  const baseRemediate = createRemediator({ config, logger, ...(options.bearerToken ? { yandexToken: options.bearerToken } : {}) });
  const remediate = sigma
    ? sigma.withCorrelations(sigma.setup, engine, config, options.correlationStore ?? correlationStoreFromEnv(env), baseRemediate)
    : baseRemediate;
  logger.log('info', 'remediation', {
    mode: config.remediation.mode,
    rules: Object.entries(config.rules).filter(([, r]) => r.remediate).map(([id]) => id),
  });
  const ledger = options.ledger ?? ledgerFromEnv(env, logger);
  return { config, engine, reader, notifiers, logger, remediate, ledger, maxObjectBytes: storage.maxObjectBytes };
}

/**
 * The durable ledger when `LEDGER_TABLE` is set (AWS DynamoDB, or Yandex
 * Database's DynamoDB-compatible API at `LEDGER_ENDPOINT`), else in memory.
 */
function ledgerFromEnv(env: NodeJS.ProcessEnv, logger: Logger): Ledger {
  const table = env.LEDGER_TABLE;
  if (!table) {
    logger.log('warn', 'no LEDGER_TABLE: repeated deliveries may alert twice', {});
    return memoryLedger();
  }
  const endpoint = env.LEDGER_ENDPOINT;
  return dynamoLedger({ table, clientConfig: { ...(endpoint ? { endpoint } : {}), ...(env.LEDGER_REGION ? { region: env.LEDGER_REGION } : {}) } });
}

/** Correlation state in the ledger table when there is one (it survives invocations), else in memory. */
function correlationStoreFromEnv(env: NodeJS.ProcessEnv): CorrelationStore {
  const table = env.LEDGER_TABLE;
  if (!table) return memoryCorrelationStore();
  const endpoint = env.LEDGER_ENDPOINT;
  return dynamoCorrelationStore({ table, clientConfig: { ...(endpoint ? { endpoint } : {}), ...(env.LEDGER_REGION ? { region: env.LEDGER_REGION } : {}) } });
}

/**
 * {@link createRuntime}, with the Sigma rules of `sigma.paths` loaded first
 * (relative to the config file). The Sigma modules and the YAML parser are
 * imported only when Sigma paths are configured.
 */
export async function createRuntimeAsync(options: RuntimeOptions): Promise<Runtime> {
  const env = options.env ?? process.env;
  const config = options.config ?? loadConfig({ env, ruleIds });
  if (options.sigma || (config.sigma?.paths.length ?? 0) === 0) return createRuntime({ ...options, config });
  const logger = options.logger ?? jsonLogger(env.LOG_LEVEL === 'debug' ? 'debug' : 'info');
  const { attachSigma, withCorrelations } = await import('./sigma/attach.js');
  const configFile = env.AUDIT_RESPONDER_CONFIG;
  const setup = await attachSigma({ config, ...(configFile ? { configFile } : {}), warn: (message) => logger.log('warn', message, {}) });
  return createRuntime({ ...options, config, logger, ...(setup ? { sigma: { setup, withCorrelations } } : {}) });
}

/** The runtime with the invocation's deadline, when the platform gives one. */
export function withDeadline(runtime: Runtime, context?: { getRemainingTimeInMillis?(): number }): Runtime {
  const remaining = context?.getRemainingTimeInMillis?.bind(context);
  return remaining ? { ...runtime, remainingMs: remaining } : runtime;
}

/**
 * Build the runtime once per cold start, secrets first (SSM parameters named
 * by `<NAME>_PARAM`); later calls share the same promise.
 */
export function lazyRuntime(options: Omit<RuntimeOptions, 'env'>): () => Promise<Runtime> {
  let pending: Promise<Runtime> | undefined;
  return () => {
    pending ??= resolveSecrets(process.env).then((env) => createRuntimeAsync({ ...options, env }));
    // A failed start (e.g. SSM unreachable) is retried on the next invocation.
    pending.catch(() => {
      pending = undefined;
    });
    return pending;
  };
}
