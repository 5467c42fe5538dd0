/**
 * The composition root: everything a handler, the CLI or a test needs,
 * built in one place from the settings (`shared/config/`) and the given
 * overrides: config, rule engine (with the Sigma rules), object reader,
 * notifiers, remediator (with the correlations), ledger, logger, and the
 * invocation's deadline ({@link withDeadline}).
 */
import type { Env } from './config/env.js';
import { loadConfig } from './config/load.js';
import { type LedgerSettings, type RuntimeSettings, loadRuntimeSettings } from './config/runtime-settings.js';
import type { Config } from './config/schema.js';
import { createS3Reader } from './io/s3-reader.js';
import type { ObjectReader } from './io/object-ref.js';
import { registerSecretsFromEnv } from './lib/redact.js';
import { createDeadline } from './lib/deadline.js';
import { type Logger, jsonLogger } from './log.js';
import { createNotifiers, loadNotifySettings } from './notifiers/index.js';
import type { Notifier } from './notifiers/notifier.js';
import { type Ledger, memoryLedger } from './store/ledger.js';
import { type Engine, createEngine } from './rules/engine.js';
import type { RespondDeps } from './pipeline/respond.js';
import { enabledRemediations } from './remediation/enabled.js';
import { type RemediatorOptions, createRemediator } from './remediation/remediator.js';
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
  /** Which cloud the function runs in: picks storage defaults. @default none (local: no platform defaults) */
  readonly cloud?: Cloud;
  readonly env?: Env;
  readonly config?: Config;
  /** A config file that wins over `AUDIT_RESPONDER_CONFIG`; Sigma paths resolve against it. */
  readonly configFile?: string;
  /** YAML parser for the config file (the CLI). @default JSON only */
  readonly parseYaml?: (text: string) => unknown;
  /** Replace `remediation.mode` of the config (the CLI: nothing changes without `--remediate enforce`). */
  readonly remediationMode?: Config['remediation']['mode'];
  /** More remediator options (clients; `everyRule` for a local dry-run review). */
  readonly remediator?: Omit<RemediatorOptions, 'config' | 'logger' | 'yandexToken'>;
  /** Replace the S3 reader: a reader, or one built from the loaded config (the CLI's files and buckets). */
  readonly reader?: ObjectReader | ((config: Config) => ObjectReader);
  readonly notifiers?: readonly Notifier[];
  /** Where the console notifier writes (when no destination is configured). @default stdout */
  readonly consoleWrite?: (text: string) => void;
  readonly logger?: Logger;
  /** Yandex: the function's IAM token, used when no static keys are set. */
  readonly bearerToken?: () => string | undefined;
  /** Replace the ledger (tests, the CLI). @default DynamoDB table `LEDGER_TABLE`, else in memory */
  readonly ledger?: Ledger;
  /** Loaded Sigma rules (see {@link createRuntimeAsync}). @default none */
  readonly sigma?: { readonly setup: SigmaSetup; readonly withCorrelations: typeof import('./sigma/attach.js').withCorrelations };
  /** More Sigma rule paths (`--sigma`), relative to the working directory. @default none */
  readonly sigmaPaths?: readonly string[];
  /** Skip Sigma rules that cannot run, with a warning (`--sigma-skip-unsupported`). @default the config's */
  readonly sigmaSkipUnsupported?: boolean;
  /** Where Sigma warnings go. @default the logger, at `warn` */
  readonly warn?: (message: string) => void;
  /** Replace the correlation store (tests, the CLI). @default the ledger table when `LEDGER_TABLE` is set, else in memory */
  readonly correlationStore?: CorrelationStore;
}

const YANDEX_STORAGE = { endpoint: 'https://storage.yandexcloud.net', region: 'ru-central1' } as const;

/** Settings, config and logger: what both builders read first. */
function basics(options: RuntimeOptions): { env: Env; settings: RuntimeSettings; config: Config; logger: Logger } {
  const env = options.env ?? process.env;
  // Secrets are redacted from every error message and log line from here on.
  registerSecretsFromEnv(env, SECRET_NAMES);
  const settings = loadRuntimeSettings(env);
  const file = options.configFile ?? settings.configFile;
  const loaded = options.config ?? loadConfig({ env, ruleIds, ...(file ? { file } : {}), ...(options.parseYaml ? { parseYaml: options.parseYaml } : {}) });
  const mode = options.remediationMode;
  const config = mode ? { ...loaded, remediation: { ...loaded.remediation, mode } } : loaded;
  const logger = options.logger ?? jsonLogger(settings.logLevel);
  return { env, settings, config, logger };
}

/** Build a runtime from the environment and the given overrides. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { env, settings, config, logger } = basics(options);
  const storage = config.storage;
  const yandexDefaults = options.cloud === 'yandex' && !storage.endpoint;
  const given = typeof options.reader === 'function' ? options.reader(config) : options.reader;
  const reader =
    given ??
    createS3Reader({
      endpoint: yandexDefaults ? YANDEX_STORAGE.endpoint : storage.endpoint,
      region: yandexDefaults ? YANDEX_STORAGE.region : storage.region,
      forcePathStyle: storage.forcePathStyle,
      maxObjectBytes: storage.maxObjectBytes,
      ...(options.bearerToken && !settings.staticKeys ? { bearerToken: options.bearerToken } : {}),
    });
  const notifiers = options.notifiers ?? createNotifiers(loadNotifySettings(env), options.consoleWrite);
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
  const baseRemediate = createRemediator({ ...options.remediator, config, logger, ...(options.bearerToken ? { yandexToken: options.bearerToken } : {}) });
  const remediate = sigma
    ? sigma.withCorrelations(sigma.setup, engine, config, options.correlationStore ?? correlationStoreFrom(settings.ledger), baseRemediate)
    : baseRemediate;
  logger.log('info', 'remediation', {
    mode: config.remediation.mode,
    rules: enabledRemediations(config).map((e) => e.rule.id),
  });
  const ledger = options.ledger ?? ledgerFrom(settings.ledger, logger);
  // Silence alarm (issue #14): mark arrivals only when `heartbeat:` is configured.
  const heartbeat = config.heartbeat ? { heartbeat: config.heartbeat } : {};
  // Trail context (issue #14): DescribeTrails at cold start only where config allows it.
  const trailSync = config.tampering?.describeTrails && options.cloud === 'aws' ? { trailSync: { describe: () => describeOwnTrails(storage.region) } } : {};
  return {
    config,
    engine,
    reader,
    notifiers,
    logger,
    remediate,
    ledger,
    ledgerName: options.ledger ? 'ledger' : settings.ledger ? `DynamoDB table ${settings.ledger.table}` : 'in-memory',
    maxObjectBytes: storage.maxObjectBytes,
    maxRecordBytes: storage.maxRecordBytes,
    ...(settings.reserveMs !== undefined ? { reserveMs: settings.reserveMs } : {}),
    ...heartbeat,
    ...trailSync,
  };
}

/** Ledger call deadlines: connect, and the whole request; one retry. */
const LEDGER_CLIENT = { maxAttempts: 2, requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 } } as const;

/**
 * The durable ledger when `LEDGER_TABLE` is set (AWS DynamoDB, or Yandex
 * Database's DynamoDB-compatible API at `LEDGER_ENDPOINT`), else in memory.
 */
function ledgerFrom(settings: LedgerSettings | undefined, logger: Logger): Ledger {
  if (!settings) {
    logger.log('warn', 'no LEDGER_TABLE: repeated deliveries may alert twice', {});
    return memoryLedger();
  }
  return dynamoLedger({ table: settings.table, clientConfig: { ...LEDGER_CLIENT, ...clientOf(settings) } });
}

/** The ledger client's endpoint and region, when set. */
function clientOf(settings: LedgerSettings): { endpoint?: string; region?: string } {
  return { ...(settings.endpoint ? { endpoint: settings.endpoint } : {}), ...(settings.region ? { region: settings.region } : {}) };
}

/** Correlation state in the ledger table when there is one (it survives invocations), else in memory. */
function correlationStoreFrom(settings: LedgerSettings | undefined): CorrelationStore {
  if (!settings) return memoryCorrelationStore();
  return dynamoCorrelationStore({ table: settings.table, clientConfig: clientOf(settings) });
}

/**
 * {@link createRuntime}, with the Sigma rules of `sigma.paths` (relative to
 * the config file) and of `sigmaPaths` loaded first. The Sigma modules and
 * the YAML parser are imported only when Sigma paths are configured.
 */
export async function createRuntimeAsync(options: RuntimeOptions): Promise<Runtime> {
  const { settings, config, logger } = basics(options);
  const wanted = (config.sigma?.paths.length ?? 0) + (options.sigmaPaths?.length ?? 0);
  if (options.sigma || wanted === 0) return createRuntime({ ...options, config, logger });
  const { attachSigma, withCorrelations } = await import('./sigma/attach.js');
  const configFile = options.configFile ?? settings.configFile;
  const setup = await attachSigma({
    config,
    ...(configFile ? { configFile } : {}),
    ...(options.sigmaPaths ? { extraPaths: options.sigmaPaths } : {}),
    ...(options.sigmaSkipUnsupported ? { skipUnsupported: true } : {}),
    warn: options.warn ?? ((message) => logger.log('warn', message, {})),
  });
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
