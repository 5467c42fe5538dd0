/**
 * `scan --jobs N`: objects read and evaluated on N worker threads, one per
 * core by default. The main thread lists, hands out objects in listing order
 * (a few in flight per worker), and keeps each report at its listing index,
 * so the output is that of the single-threaded loop: same reports, same
 * order, same errors and exit code. Workers rebuild the engine from the
 * same settings ({@link WorkerSetup}); remediation, correlations and
 * notifications stay on the main thread, once for the whole scan.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ObjectRef } from '../io/object-ref.js';
import type { ObjectReport } from '../pipeline/process-object.js';
import type { AuditEvent } from '../types.js';
import type { WorkerSetup } from './scan-worker-setup.js';

/** Messages to a worker. */
export type ToWorker =
  | { readonly type: 'object'; readonly index: number; readonly ref: ObjectRef }
  | { readonly type: 'trail'; readonly event: AuditEvent }
  | { readonly type: 'abort' };

/** Messages from a worker. */
export type ToMain =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly reason: string }
  | { readonly type: 'report'; readonly index: number; readonly report: ObjectReport; readonly bytes: number }
  | { readonly type: 'trail'; readonly event: AuditEvent };

/** Below this many stored bytes in all, the default (no `--jobs`) stays on the main thread: starting workers costs more. */
export const AUTO_JOBS_MIN_BYTES = 8 * 1024 * 1024;

/**
 * Cores one scan job keeps busy: its thread splitting and matching, and
 * gunzip on a libuv thread beside it (`npm run bench` measures ≈ 1.5).
 */
export const CORES_PER_JOB = 1.5;

/** The default number of jobs on `cores` cores: as many as the cores keep busy (1 on 2 cores, where a second one only contends). */
export function autoJobs(cores: number): number {
  return Math.max(1, Math.floor(cores / CORES_PER_JOB));
}

/**
 * How many workers to use: `--jobs` when given, else {@link autoJobs} when
 * the objects are many and large enough to pay for starting them; 1 means
 * the main thread reads everything itself.
 */
export function chooseJobs(requested: number | undefined, refs: readonly ObjectRef[], cores = availableParallelism()): number {
  const jobs = requested ?? (refs.reduce((n, r) => n + (r.size ?? AUTO_JOBS_MIN_BYTES), 0) >= AUTO_JOBS_MIN_BYTES ? autoJobs(cores) : 1);
  return Math.max(1, Math.min(jobs, refs.length));
}

/**
 * Where the worker entry is: beside this module, as the bundled chunk
 * (`dist/chunks/scan-worker.js` next to `dist/chunks/scan-workers-<hash>.js`)
 * or as the source run through tsx (tests, dev).
 */
function workerEntry(): { url: URL; source: boolean } {
  const here = import.meta.url;
  const source = here.endsWith('.ts');
  return { url: new URL(source ? './scan-worker.ts' : './scan-worker.js', here), source };
}

/** Worker threads started by this process (tests check the pool was used). */
export const poolStats = { started: 0 };

function startWorker(setup: WorkerSetup): Worker {
  poolStats.started += 1;
  const { url, source } = workerEntry();
  if (!source) return new Worker(url, { workerData: setup });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(url.href)});`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/** Hooks of the main loop, called on the main thread as reports arrive. */
export interface PoolHooks {
  readonly signal?: AbortSignal;
  /** One report, with the stored bytes it read. */
  onReport(index: number, report: ObjectReport, bytes: number): void;
}

/**
 * Read `todo` on `jobs` workers; resolves when every object handed out is
 * reported (after an abort, no new object is handed out). Rejects when a
 * worker cannot start or dies: the caller falls back or fails the scan.
 */
export async function runOnWorkers(todo: readonly ObjectRef[], jobs: number, setup: WorkerSetup, hooks: PoolHooks): Promise<void> {
  const perWorker = Math.max(1, setup.concurrency);
  const workers = Array.from({ length: jobs }, () => startWorker(setup));
  let next = 0;
  let outstanding = 0;
  let ready = 0;
  const inFlight = new Map<Worker, number>(workers.map((w) => [w, 0]));
  try {
    await new Promise<void>((resolve, reject) => {
      const finishIfDone = () => {
        if (outstanding === 0 && (next >= todo.length || hooks.signal?.aborted)) resolve();
      };
      // Once every worker is up, each object goes to the worker with the fewest in flight.
      const pump = () => {
        while (ready === workers.length && next < todo.length && !hooks.signal?.aborted) {
          let worker: Worker | undefined;
          for (const w of workers) if ((inFlight.get(w) ?? 0) < perWorker && (!worker || (inFlight.get(w) ?? 0) < (inFlight.get(worker) ?? 0))) worker = w;
          if (!worker) break;
          const index = next++;
          outstanding += 1;
          inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
          worker.postMessage({ type: 'object', index, ref: todo[index] as ObjectRef } satisfies ToWorker);
        }
        finishIfDone();
      };
      const onAbort = () => {
        for (const w of workers) w.postMessage({ type: 'abort' } satisfies ToWorker);
        finishIfDone();
      };
      hooks.signal?.addEventListener('abort', onAbort, { once: true });
      for (const worker of workers) {
        worker.on('message', (message: ToMain) => {
          if (message.type === 'ready') {
            ready += 1;
            pump();
          } else if (message.type === 'failed') reject(new Error(`scan worker could not start: ${message.reason}`));
          else if (message.type === 'trail') {
            for (const other of workers) if (other !== worker) other.postMessage({ type: 'trail', event: message.event } satisfies ToWorker);
          } else {
            outstanding -= 1;
            inFlight.set(worker, (inFlight.get(worker) ?? 0) - 1);
            hooks.onReport(message.index, message.report, message.bytes);
            pump();
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (outstanding > 0 || next < todo.length) reject(new Error(`scan worker exited with code ${code} before its objects were read`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
