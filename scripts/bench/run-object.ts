/**
 * The measured part shared by the pipeline children (`pipeline.ts`,
 * `sigma.ts`): `respond()` over one local file with a notifier that only
 * counts what it gets, timed in wall and CPU milliseconds. A failed object
 * ends the child with exit 1 and the reason.
 */
import { createFileReader } from '../../shared/io/file-reader.js';
import { silentLogger } from '../../shared/log.js';
import type { Notifier } from '../../shared/notifiers/notifier.js';
import { type RespondDeps, respond } from '../../shared/pipeline/respond.js';
import type { Engine } from '../../shared/rules/engine.js';
import { cpuSinceMs } from './measure.js';

/** What the run needs beyond the file: the engine, its object cap, and an optional remediate step. */
export interface RunOptions {
  readonly engine: Engine;
  readonly maxObjectBytes: number;
  readonly remediate?: RespondDeps['remediate'];
}

/** Run the pipeline over `path` once; the figures every pipeline child reports. */
export async function runObject(label: string, path: string, options: RunOptions) {
  let notified = 0;
  const countingNotifier: Notifier = {
    name: 'null',
    async send(findings) {
      notified += findings.length;
      return { sent: 0, alreadySent: 0 };
    },
  };
  const deps: RespondDeps = {
    reader: createFileReader(options.maxObjectBytes),
    engine: options.engine,
    maxObjectBytes: options.maxObjectBytes,
    notifiers: [countingNotifier],
    logger: silentLogger,
    ...(options.remediate ? { remediate: options.remediate } : {}),
  };
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const batch = await respond([{ bucket: '', key: path }], deps);
  const ms = performance.now() - started;
  const runCpuMs = cpuSinceMs(cpuStart);
  const object = batch.objects[0];
  if (!object || object.failure) {
    console.error(`${label} failed: ${object?.failure?.reason ?? 'no report'}`);
    process.exit(1);
  }
  return { records: object.records, evaluated: object.evaluated, findings: batch.findings.length, notified, errors: object.errors.length, ms, runCpuMs };
}
