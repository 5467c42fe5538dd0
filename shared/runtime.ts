/**
 * Everything a handler needs, built once per cold start: config, rule
 * engine, object reader, notifiers and logger. Tests build their own.
 */
import { loadConfig } from './config/load.js';
import { ConfigError } from './errors.js';
import type { Config } from './config/schema.js';
import { createS3Reader } from './io/s3-reader.js';
import type { ObjectReader } from './io/object-ref.js';
import { registerSecretsFromEnv } from './lib/redact.js';
import { createDeadline } from './lib/deadline.js';
import { type Logger, jsonLogger } from './log.js';
import { createNotifiers } from './notifiers/index.js';
import { loadNotifySettings } from './notifiers/settings.js';
import type { Notifier } from './notifiers/notifier.js';
import { type Ledger, memoryLedger } from './store/ledger.js';
import { type Engine, createEngine } from './rules/engine.js';
import type { RespondDeps } from './pipeline/respond.js';
import { enabledRemediations } from './remediation/enabled.js';
import { createRemediator } from './remediation/remediator.js';
import { allRules, ruleIds } from './rules/index.js';
import { SECRET_NAMES, resolveSecrets } from './secrets/ssm.js';
import { dynamoLedger } from './store/dynamodb-ledger.js';
import { type CorrelationStore, dynamoCorrelationStore, memoryCorrelationStore } from './store/correlation-store.js';
import type { SigmaSetup } from './sigma/setup.js';
import type { Cloud } from './types.js';
import type { TrailInfo } from './rules/lib/trail-context.js';
import { describeTrails } from './store/describe-trails.js';

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
  // Secrets are redacted from every error message and log line from here on.
  registerSecretsFromEnv(env, SECRET_NAMES);
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
    rules: enabledRemediations(config).map((e) => e.rule.id),
  });
  const ledger = options.ledger ?? ledgerFromEnv(env, logger);
  // Silence alarm (issue #14): mark arrivals only when `heartbeat:` is configured.
  const heartbeat = config.heartbeat ? { heartbeat: config.heartbeat } : {};
  // Trail context (issue #14): DescribeTrails at cold start only where config allows it.
  const trailSync = config.tampering?.describeTrails && options.cloud === 'aws' ? { trailSync: { describe: () => describeOwnTrails(storage.region) } } : {};
  const reserveMs = reserveFromEnv(env);
  return {
    config,
    engine,
    reader,
    notifiers,
    logger,
    remediate,
    ledger,
    ledgerName: options.ledger ? 'ledger' : env.LEDGER_TABLE ? `DynamoDB table ${env.LEDGER_TABLE}` : 'in-memory',
    maxObjectBytes: storage.maxObjectBytes,
    maxRecordBytes: storage.maxRecordBytes,
    ...(reserveMs !== undefined ? { reserveMs } : {}),
    ...heartbeat,
    ...trailSync,
  };
}

/**
 * `NOTIFY_RESERVE_MS`: time kept free after reading for remediating and
 * notifying (default in `respond`, 10 s). Short-timeout functions and the
 * fault suite lower it.
 */
function reserveFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.NOTIFY_RESERVE_MS;
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1_000 || value > 600_000) {
    throw new ConfigError('NOTIFY_RESERVE_MS: expected an integer from 1000 to 600000 (milliseconds)');
  }
  return value;
}

/** Ledger call deadlines: connect, and the whole request; one retry. */
const LEDGER_CLIENT = { maxAttempts: 2, requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 } } as const;

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
  return dynamoLedger({
    table,
    clientConfig: { ...LEDGER_CLIENT, ...(endpoint ? { endpoint } : {}), ...(env.LEDGER_REGION ? { region: env.LEDGER_REGION } : {}) },
  });
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

/** The account's trails in `region` (the client module is loaded only when used). */
async function describeOwnTrails(region: string): Promise<TrailInfo[]> {
  const { CloudTrailClient } = await import('@aws-sdk/client-cloudtrail');
  return describeTrails(new CloudTrailClient({ region }));
}

/** The parts of a platform's call context the runtime uses. */
export interface InvocationContext {
  getRemainingTimeInMillis?(): number;
  /** AWS Lambda's invocation id (kept across the platform's retries of an async event). */
  readonly awsRequestId?: string;
  /** Yandex Cloud Functions' invocation id. */
  readonly requestId?: string;
}

/** The runtime with the invocation's deadline and id, when the platform gives them. */
export function withDeadline(runtime: Runtime, context?: InvocationContext): Runtime {
  const remaining = context?.getRemainingTimeInMillis?.bind(context);
  const owner = context?.awsRequestId ?? context?.requestId;
  return {
    ...runtime,
    ...(remaining ? { remainingMs: remaining, deadline: createDeadline(remaining) } : {}),
    ...(owner ? { owner } : {}),
  };
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
