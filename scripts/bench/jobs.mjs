// `scan --jobs`: the same folder of gzipped CloudTrail objects scanned as whole
// processes with --jobs 1 and --jobs 2 (interleaved, `runs` each): throughput
// ratio, CPU seconds per 100 000 records, peak RSS, and whether the reports are
// byte-identical.
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Measure; `file` is linked `objects` times into a folder under `dir`. */
export async function measureJobs({ runNode, cli, child, dir, file, records, objects = 4, runs, median, cores }) {
  const folder = join(dir, 'jobs');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < objects; i++) linkSync(file, join(folder, `object-${i}.json.gz`));
  const out = {};
  const sums = {};
  for (const jobs of [1, 2]) out[jobs] = [];
  for (let r = 0; r < runs; r++) {
    for (const jobs of [1, 2]) {
      const report = join(dir, `jobs-${jobs}.json`);
      const result = await runNode([child, cli, 'scan', folder, '--format', 'json', '--quiet', '--jobs', String(jobs), '--output', report], { okCodes: [0, 1] });
      out[jobs].push(result);
      sums[jobs] = createHash('sha256').update(readFileSync(report)).digest('hex');
    }
  }
  const total = records * objects;
  const summary = (list) => ({
    eventsPerSec: Math.round(median(list.map((r) => (total / r.ms) * 1000))),
    cpuSecondsPer100k: Math.round((median(list.map((r) => r.cpuMs)) / total) * 1e5) / 1000,
    peakRssMB: Math.round(Math.max(...list.map((r) => r.peakRssMB))),
    // CPU seconds per wall second: one job already keeps more than a core busy (gunzip runs on libuv threads).
    coresBusy: Math.round(median(list.map((r) => r.cpuMs / r.ms)) * 100) / 100,
    ms: list.map((r) => Math.round(r.ms)),
    codes: [...new Set(list.map((r) => r.code))],
  });
  const one = summary(out[1]);
  const two = summary(out[2]);
  return {
    objects,
    records: total,
    jobs1: one,
    jobs2: two,
    speedup: Math.round((two.eventsPerSec / one.eventsPerSec) * 100) / 100,
    // No number of jobs can keep more than every core busy.
    speedupBound: Math.round((cores / one.coresBusy) * 100) / 100,
    identical: sums[1] === sums[2],
  };
}

/** Report lines. */
export function jobsReport(jobs, target) {
  if (!jobs) return [];
  const row = (name, s) =>
    `  ${name}  ${String(s.eventsPerSec).padStart(9)} ev/s  CPU ${s.cpuSecondsPer100k.toFixed(2)} s/100k  cores busy ${s.coresBusy.toFixed(2)}  peak RSS ${s.peakRssMB} MB  runs ms ${s.ms.join(' ')}`;
  return [
    `scan --jobs on ${jobs.objects} objects (${jobs.records} records, whole processes)`,
    row('--jobs 1', jobs.jobs1),
    row('--jobs 2', jobs.jobs2),
    `  speedup ${jobs.speedup.toFixed(2)}× (target ≥ ${target}; at most ${jobs.speedupBound.toFixed(2)}× here: the cores over what one job keeps busy)  reports identical: ${jobs.identical ? 'yes' : 'NO'}`,
  ];
}
