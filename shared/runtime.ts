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
  const engine = createEngine(allRules, config);
  logger.log('info', 'runtime ready', {
    rules: engine.rules.length,
    notifiers: notifiers.map((n) => n.name),
  });
  const remediate = createRemediator({ config, logger, ...(options.bearerToken ? { yandexToken: options.bearerToken } : {}) });
  logger.log('info', 'remediation', {
    mode: config.remediation.mode,
    rules: Object.entries(config.rules).filter(([, r]) => r.remediate).map(([id]) => id),
  });
  const ledger = options.ledger ?? ledgerFromEnv(env, logger);
  // Silence alarm (issue #14): mark arrivals only when `heartbeat:` is configured.
  const heartbeat = config.heartbeat ? { heartbeat: config.heartbeat } : {};
  // Trail context (issue #14): DescribeTrails at cold start only where config allows it.
  const trailSync = config.tampering?.describeTrails && options.cloud === 'aws' ? { trailSync: { describe: () => describeOwnTrails(storage.region) } } : {};
  return { config, engine, reader, notifiers, logger, remediate, ledger, maxObjectBytes: storage.maxObjectBytes, ...heartbeat, ...trailSync };
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

/** The account's trails in `region` (the client module is loaded only when used). */
async function describeOwnTrails(region: string): Promise<TrailInfo[]> {
  const { CloudTrailClient } = await import('@aws-sdk/client-cloudtrail');
  return describeTrails(new CloudTrailClient({ region }));
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
    pending ??= resolveSecrets(process.env).then((env) => createRuntime({ ...options, env }));
    // A failed start (e.g. SSM unreachable) is retried on the next invocation.
    pending.catch(() => {
      pending = undefined;
    });
    return pending;
  };
}
