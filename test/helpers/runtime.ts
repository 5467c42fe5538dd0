/** A test runtime: real engine and S3 reader, findings and logs captured in memory. */
import { createS3Reader } from '../../shared/io/s3-reader.js';
import type { Logger } from '../../shared/log.js';
import { type Runtime, createRuntime } from '../../shared/runtime.js';
import type { Finding } from '../../shared/types.js';
import { S3_CREDENTIALS } from './s3-server.js';

/**
 * Build a runtime reading from `storage`, recording what it sends and logs:
 * the composition root of the functions with the reader, notifiers and
 * logger replaced. No remediation runs (as before: the helper's runtime had none).
 */
export function captureRuntime(storage: { endpoint: string; forcePathStyle: boolean }, env: NodeJS.ProcessEnv = {}) {
  const sent: Finding[] = [];
  const logs: Record<string, unknown>[] = [];
  const logger: Logger = { log: (level, message, fields) => logs.push({ level, message, ...fields }) };
  const built = createRuntime({
    env,
    logger,
    reader: (config) =>
      createS3Reader({
        ...storage,
        region: 'us-east-1',
        maxObjectBytes: config.storage.maxObjectBytes,
        client: { credentials: S3_CREDENTIALS, maxAttempts: 1 },
      }),
    notifiers: [{ name: 'memory', send: async (findings) => { sent.push(...findings); return { sent: 1, alreadySent: 0 }; } }],
  });
  // The helper's runtime is the pipeline's input only: no remediation, no ledger of its own.
  const { remediate: _remediate, ledger: _ledger, ledgerName: _ledgerName, ...parts } = built;
  const runtime: Runtime = parts;
  logs.length = 0;
  return { runtime, sent, logs };
}
