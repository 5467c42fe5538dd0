/**
 * The entry of a `scan` worker thread (bundled as `dist/chunks/scan-worker.js`):
 * rebuilds the scan's engine and reader from {@link WorkerSetup}, then reads
 * and evaluates the objects the main thread sends, a few at a time, and
 * answers each with its {@link ObjectReport}. Trails learned from
 * CreateTrail/UpdateTrail are passed on, so every worker's trail context
 * follows the whole scan as the single-threaded one does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { processObject } from '../pipeline/process-object.js';
import { TrailRegistry } from '../rules/lib/trail-context.js';
import type { AuditEvent } from '../types.js';
import { createFileReader } from '../io/file-reader.js';
import { type ObjectReader, countingReader } from '../io/object-ref.js';
import { type WorkerSetup, workerEngine } from './scan-worker-setup.js';
import type { ToMain, ToWorker } from './scan-workers.js';

const port = parentPort;
if (!port) throw new Error('scan-worker runs as a worker thread');
const send = (message: ToMain) => port.postMessage(message);

const setup = workerData as WorkerSetup;
const abort = new AbortController();
const probe = new TrailRegistry();
const pending: ToWorker[] = [];
let handle: ((message: ToWorker) => void) | undefined;
port.on('message', (message: ToWorker) => (handle ? handle(message) : pending.push(message)));

try {
  const base = await workerEngine(setup);
  const engine = {
    ...base,
    evaluate(event: AuditEvent) {
      const result = base.evaluate(event);
      if (probe.learn(event)) send({ type: 'trail', event });
      return result;
    },
  };
  const { storage } = setup.config;
  // Local files need no S3 client: it is loaded on the first s3:// object only.
  const files = createFileReader(storage.maxObjectBytes);
  let s3: Promise<ObjectReader> | undefined;
  const reader: ObjectReader = {
    async open(ref, options) {
      if (!ref.bucket) return files.open(ref, options);
      s3 ??= import('./scan-inputs.js').then((m) =>
        m.createInputReader({
          config: setup.config,
          filter: setup.filter,
          concurrency: setup.concurrency,
          signal: abort.signal,
          ...(setup.now !== undefined ? { now: setup.now } : {}),
          ...(setup.s3Client ? { s3Client: setup.s3Client } : {}),
        }),
      );
      return (await s3).open(ref, options);
    },
  };
  handle = (message) => {
    if (message.type === 'abort') abort.abort();
    else if (message.type === 'trail') base.trails.learn(message.event);
    else void read(message.index, message.ref);
  };
  const read = async (index: number, ref: Parameters<typeof reader.open>[0]) => {
    let bytes = 0;
    // As the single-threaded loop wraps it (scan-run.ts), so both report alike.
    const counting = countingReader(reader, (n) => {
      bytes += n;
    });
    const report = await processObject(ref, {
      reader: counting,
      engine,
      maxObjectBytes: storage.maxObjectBytes,
      ...(storage.maxRecordBytes ? { maxRecordBytes: storage.maxRecordBytes } : {}),
      signal: abort.signal,
    });
    send({ type: 'report', index, report, bytes });
  };
  for (const message of pending.splice(0)) handle(message);
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'failed', reason: error instanceof Error ? error.message : String(error) });
}
