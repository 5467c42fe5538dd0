/** A test runtime: real engine and S3 reader, findings and logs captured in memory. */
import { createS3Reader } from '../../shared/io/s3-reader.js';
import { loadConfig } from '../../shared/config/load.js';
import type { Logger } from '../../shared/log.js';
import { createEngine } from '../../shared/rules/engine.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import type { Runtime } from '../../shared/runtime.js';
import type { Finding } from '../../shared/types.js';
import { S3_CREDENTIALS } from './s3-server.js';

/** Build a runtime reading from `storage`, recording what it sends and logs. */
export function captureRuntime(storage: { endpoint: string; forcePathStyle: boolean }, env: NodeJS.ProcessEnv = {}) {
  const sent: Finding[] = [];
  const logs: Record<string, unknown>[] = [];
  const logger: Logger = { log: (level, message, fields) => logs.push({ level, message, ...fields }) };
  const config = loadConfig({ env, ruleIds });
  const runtime: Runtime = {
    config,
    engine: createEngine(allRules, config),
    reader: createS3Reader({
      ...storage,
      region: 'us-east-1',
      maxObjectBytes: config.storage.maxObjectBytes,
      client: { credentials: S3_CREDENTIALS, maxAttempts: 1 },
    }),
    notifiers: [{ name: "memory", send: async (findings) => { sent.push(...findings); return { sent: 1, alreadySent: 0 }; } }],
    logger,
    maxObjectBytes: config.storage.maxObjectBytes,
  };
  return { runtime, sent, logs };
}
