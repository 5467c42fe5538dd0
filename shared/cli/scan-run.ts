/**
 * The work loop of `scan`: objects are read and evaluated concurrently
 * (`--concurrency`; on worker threads with `--jobs`, see `./scan-workers.ts`), each streamed as the functions stream it, so memory is
 * bounded by the objects in flight; results are kept in listing order so
 * concurrency never changes the output. Finished objects go to the
 * checkpoint; the progress line follows along; an abort (Ctrl-C) stops
 * taking new objects and returns what is done. Then, once for the whole
 * scan, remediation and notification run through `respond`'s `finishBatch`.
 */
import { describeError } from '../errors.js';
import { type ObjectRef, countingReader, describeRef } from '../io/object-ref.js';
import { type ObjectReport, type ProcessDeps, processObject } from '../pipeline/process-object.js';
import { type FinishDeps, finishBatch } from '../pipeline/respond.js';
import type { Finding } from '../types.js';
import type { Checkpoint } from './checkpoint.js';
import type { Progress } from './progress.js';
import type { WorkerSetup } from './scan-worker-setup.js';

/** What the loop needs. */
export interface ScanRunDeps extends ProcessDeps, FinishDeps {
  readonly concurrency: number;
  readonly checkpoint: Checkpoint;
  readonly progress: Progress;
  readonly signal?: AbortSignal;
  /**
   * Worker threads to read on (`--jobs`); `undefined` picks one per 1.5
   * cores for large scans (see `chooseJobs`). Needs `workers`; without it, or at 1,
   * everything is read on this thread.
   */
  readonly jobs?: number;
  /** How a worker rebuilds this scan's engine and reader. */
  readonly workers?: WorkerSetup;
  /** Told when the worker threads cannot start and this thread reads instead. @default silent */
  readonly warn?: (message: string) => void;
}

/** The outcome of a scan. */
export interface ScanResult {
  /** Reports of the objects read, in listing order. */
  readonly objects: readonly ObjectReport[];
  /** Objects skipped because the checkpoint lists them. */
  readonly resumed: number;
  /** True when stopped by the signal before every object was read. */
  readonly interrupted: boolean;
  /** Every finding (suppressed ones included), once per dedup key, in listing order. */
  readonly findings: readonly Finding[];
  readonly alerted: readonly Finding[];
  readonly notifyErrors: readonly { readonly notifier: string; readonly reason: string; readonly transient: boolean }[];
}

/** Read every ref not in the checkpoint, then remediate and notify once. */
export async function runScan(refs: readonly ObjectRef[], deps: ScanRunDeps): Promise<ScanResult> {
  const todo = refs.filter((r) => !deps.checkpoint.has(describeRef(r)));
  const resumed = refs.length - todo.length;
  const reports: (ObjectReport | undefined)[] = new Array(todo.length);
  const state = { done: 0, total: todo.length, records: 0, findings: 0, bytes: 0 };
  let next = 0;
  // Bytes as read (stored, compressed), for the progress line.
  const reader = countingReader(deps.reader, (bytes) => {
    state.bytes += bytes;
  });
  const record = (index: number, report: ObjectReport) => {
    reports[index] = report;
    if (!report.failure) deps.checkpoint.record(report.name);
    state.done += 1;
    state.records += report.records;
    state.findings += report.findings.length;
    deps.progress.update(state);
  };
  const jobs = deps.workers ? (await import('./scan-workers.js')).chooseJobs(deps.jobs, todo) : 1;
  if (deps.workers && jobs > 1) {
    const { runOnWorkers } = await import('./scan-workers.js');
    const setup = { ...deps.workers, concurrency: Math.max(1, Math.ceil(deps.concurrency / jobs)) };
    try {
      await runOnWorkers(todo, jobs, setup, {
        ...(deps.signal ? { signal: deps.signal } : {}),
        onReport(index, report, bytes) {
          state.bytes += bytes;
          record(index, report);
        },
      });
      return done();
    } catch (error) {
      // Workers that could not start (say, a bundle without its worker entry): read here instead, and say so.
      if (state.done > 0) throw error;
      deps.warn?.(`--jobs ${jobs}: worker threads could not start (${describeError(error)}); reading on one thread`);
    }
  }
  const worker = async () => {
    while (next < todo.length && !deps.signal?.aborted) {
      const index = next++;
      const ref = todo[index] as ObjectRef;
      record(index, await processObject(ref, { ...deps, reader }));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, todo.length)) }, worker));
  return done();

  async function done(): Promise<ScanResult> {
    deps.progress.done();
    const objects = reports.filter((r): r is ObjectReport => r !== undefined);
    // Aborted during the listing, nothing may be left to read: still an interruption.
    const interrupted = objects.length < todo.length || Boolean(deps.signal?.aborted);
    return { objects, resumed, interrupted, ...(await finishBatch(objects.flatMap((o) => o.findings), deps)) };
  }
}
