// npm run bench — throughput, memory and cold start of audit-responder on this machine.
//
// 1. builds dist/ (scripts/build.mjs) and bundles the benchmark children
//    (scripts/bench/*.ts) with the same esbuild options into a temp dir;
// 2. generates three deterministic files there (seeded PRNG): gzipped
//    CloudTrail delivery files in the realistic mix (97 % of actions watched
//    by no rule) and in a mostly-watched mix, and a Yandex Audit Trails array;
// 3. measures each file in fresh Node processes: the gunzip-only floor
//    (stream-decompress and count the bytes: the cost nothing avoids), the
//    parse floor (read + gunzip + JSON.parse + touch every record) and the
//    real pipeline (respond() with the file reader, every rule, default
//    config, a null notifier); wall time and CPU time (process.cpuUsage of
//    the measured part: what a function on a fraction of a vCPU pays);
// 3b. scans a folder of 4 links to the CloudTrail file with `scan --jobs 1`
//    and `--jobs 2` (whole processes): speedup, CPU, identical reports;
// 4. measures the import time of every dist/functions bundle in fresh processes;
// 5. prints aligned tables and, as the last stdout line, one JSON object.
//
// Options: --count N (records per file, 100000)  --runs N (per measurement, 5)
//          --cold-runs N (7)  --seed N  --keep (leave the temp dir)
//          --profile (one extra CPU-profiled pipeline run on the CloudTrail file)
// Progress goes to stderr; stdout is the report.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { staticClosure } from './bundle-size.mjs';
import { common } from './esbuild-options.mjs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { summarizeProfile } from './bench/profile.mjs';
import { jobsReport, measureJobs } from './bench/jobs.mjs';
import { measureSigma, sigmaCorpus, sigmaReport } from './bench/sigma-run.mjs';
import { fixed, int, mb, median, table, verdict } from './bench/table.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const TARGETS = { jobsSpeedup: 1.6, ratioToFloor: 0.8, ratioToGunzip: 0.5, cpuSecondsPer100k: 0.8, pipelinePeakRssMB: 150, coldStartMs: 150, bundleBytes: 1_000_000 };
const FILES = { cloudtrail: 'cloudtrail.json.gz', 'cloudtrail-watched': 'cloudtrail-watched.json.gz', yandex: 'yandex.json' };
const AWS_FILES = ['cloudtrail', 'cloudtrail-watched'];
const TOP_FUNCTION = 'aws-s3';

const { values: opts } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    'cold-runs': { type: 'string', default: '7' },
    seed: { type: 'string', default: '20261001' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const count = Number(opts.count);
const runs = Number(opts.runs);
const coldRuns = Number(opts['cold-runs']);
const seed = Number(opts.seed);
for (const [name, value] of Object.entries({ count, runs, 'cold-runs': coldRuns, seed })) {
  if (!Number.isInteger(value) || value < (name === 'seed' ? 0 : 1)) {
    console.error(`bench: --${name} must be a ${name === 'seed' ? 'non-negative' : 'positive'} integer`);
    process.exit(64);
  }
}

const progress = (message) => process.stderr.write(`bench: ${message}\n`);

// ---------------------------------------------------------------- children

/** Run `node ...args`; resolve with the JSON of its last stdout line. */
function runNode(args, { cwd = ROOT, okCodes = [0] } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (!okCodes.includes(code)) return reject(new Error(`node ${args.join(' ')} exited with ${code}\n${stderr}${stdout}`));
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        resolvePromise(last ? JSON.parse(last) : {});
      } catch {
        reject(new Error(`node ${args.join(' ')}: last line is not JSON: ${last}`));
      }
    });
  });
}

/** Bundle the benchmark children into `dir` (unminified, so profiles read well). */
async function bundleChildren(dir) {
  const entries = ['generate-main', 'gunzip', 'floor', 'pipeline', 'import-time', 'sigma'];
  await build({
    ...common,
    absWorkingDir: ROOT,
    entryPoints: entries.map((name) => ({ in: `scripts/bench/${name}.ts`, out: name })),
    outdir: dir,
  });
  return Object.fromEntries(entries.map((name) => [name, join(dir, `${name}.js`)]));
}

// ---------------------------------------------------------------- measurements

/** Gunzip floor, parse floor and pipeline, interleaved, `runs` fresh processes each. */
async function measureFile(bin, file, records) {
  const gunzip = [];
  const floor = [];
  const pipeline = [];
  for (let i = 0; i < runs; i++) {
    gunzip.push({ ...(await runNode([bin.gunzip, file])), records });
    floor.push(await runNode([bin.floor, file]));
    pipeline.push(await runNode([bin.pipeline, file]));
  }
  const rate = (r) => (r.records / r.ms) * 1000;
  // CPU seconds per 100 000 records of the measured part (median over runs).
  const cpuPer100k = (list) => Math.round((median(list.map((r) => r.runCpuMs / r.records)) * 1e5) / 10) / 100;
  const findings = [...new Set(pipeline.map((r) => r.findings))];
  const summary = {
    records: pipeline[0].records,
    gunzipEventsPerSec: Math.round(median(gunzip.map(rate))),
    gunzipMs: gunzip.map((r) => Math.round(r.ms)),
    cpuSecondsPer100k: { gunzip: cpuPer100k(gunzip), floor: cpuPer100k(floor), pipeline: cpuPer100k(pipeline) },
    gunzipPeakRssMB: Math.max(...gunzip.map((r) => r.peakRssMB)),
    floorEventsPerSec: Math.round(median(floor.map(rate))),
    pipelineEventsPerSec: Math.round(median(pipeline.map(rate))),
    floorPeakRssMB: Math.max(...floor.map((r) => r.peakRssMB)),
    pipelinePeakRssMB: Math.max(...pipeline.map((r) => r.peakRssMB)),
    floorMs: floor.map((r) => Math.round(r.ms)),
    pipelineMs: pipeline.map((r) => Math.round(r.ms)),
    setupMs: Math.round(median(pipeline.map((r) => r.setupMs))),
    findings: findings.length === 1 ? findings[0] : findings,
    alerted: pipeline[0].notified,
    evaluated: pipeline[0].evaluated,
    rejected: pipeline[0].errors,
    findingsStable: findings.length === 1,
    // CPU time inside the children (median): system time is mostly page faults of a large heap.
    cpuMs: {
      floor: { user: median(floor.map((r) => r.userMs)), system: median(floor.map((r) => r.systemMs)) },
      pipeline: { user: median(pipeline.map((r) => r.userMs)), system: median(pipeline.map((r) => r.systemMs)) },
    },
  };
  const ratio = (a, b) => Math.round((a / b) * 1000) / 1000;
  return {
    ...summary,
    ratioToFloor: ratio(summary.pipelineEventsPerSec, summary.floorEventsPerSec),
    ratioToGunzip: ratio(summary.pipelineEventsPerSec, summary.gunzipEventsPerSec),
    cpuRatioToGunzip: ratio(summary.cpuSecondsPer100k.gunzip, summary.cpuSecondsPer100k.pipeline),
  };
}

/** Import time (median of `coldRuns` fresh processes) and size of every function bundle. */
async function measureFunctions(bin) {
  const dir = join(ROOT, 'dist', 'functions');
  const bundles = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  const out = {};
  for (const file of bundles) {
    const path = join(dir, file);
    const times = [];
    for (let i = 0; i < coldRuns; i++) times.push((await runNode([bin['import-time'], path])).ms);
    out[file.replace(/\.js$/, '')] = {
      coldStartMs: Math.round(median(times) * 10) / 10,
      runsMs: times.map((t) => Math.round(t * 10) / 10),
      // What loads at cold start: the entry and the chunks it imports statically.
      bundleBytes: staticClosure(path).bytes,
      entryBytes: statSync(path).size,
    };
  }
  return out;
}

/** One extra pipeline run under --cpu-prof, summarized by module and function. */
async function profilePipeline(bin, file, dir) {
  const profDir = join(dir, 'profile');
  await runNode(['--cpu-prof', `--cpu-prof-dir=${profDir}`, bin.pipeline, file]);
  const name = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  return { path: join(profDir, name), ...summarizeProfile(join(profDir, name), bin.pipeline) };
}

// ---------------------------------------------------------------- report

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
}

function printReport({ host, generated, files, functions, profile }) {
  const out = [];
  out.push('audit-responder benchmark');
  out.push(`machine: ${host.cpu} · ${host.cores} cores · Node ${host.node} · ${host.platform} · ${host.memoryGB} GB RAM`);
  out.push(`input:   ${int(count)} records per file, seed ${seed}; ${runs} fresh processes per measurement (median rate, max peak RSS)`);
  out.push('');

  const names = Object.keys(files);
  out.push('Distance to the limit: the gunzip-only floor (stream-decompress, count bytes; plain files: read only)');
  out.push(
    table(
      [
        { header: 'file', align: 'left' }, { header: 'gunzip ev/s', align: 'right' }, { header: 'pipeline ev/s', align: 'right' },
        { header: 'pipeline/gunzip', align: 'right' }, { header: `target ≥ ${TARGETS.ratioToGunzip}`, align: 'left' },
        { header: 'CPU s/100k gunzip', align: 'right' }, { header: 'CPU s/100k floor', align: 'right' }, { header: 'CPU s/100k pipeline', align: 'right' },
        { header: `target ≤ ${TARGETS.cpuSecondsPer100k} (realistic)`, align: 'left' }, { header: 'gunzip ms', align: 'left' },
      ],
      names.map((n) => [
        FILES[n], int(files[n].gunzipEventsPerSec), int(files[n].pipelineEventsPerSec), fixed(files[n].ratioToGunzip, 2),
        AWS_FILES.includes(n) ? verdict(files[n].ratioToGunzip >= TARGETS.ratioToGunzip) : '—',
        fixed(files[n].cpuSecondsPer100k.gunzip, 2), fixed(files[n].cpuSecondsPer100k.floor, 2), fixed(files[n].cpuSecondsPer100k.pipeline, 2),
        n === 'cloudtrail' ? verdict(files[n].cpuSecondsPer100k.pipeline <= TARGETS.cpuSecondsPer100k) : '—',
        files[n].gunzipMs.join(' '),
      ]),
    ),
  );
  out.push('');
  out.push('Throughput (events/second = records / wall time of read + process, inside the child)');
  out.push(
    table(
      [
        { header: 'file', align: 'left' }, { header: 'records', align: 'right' }, { header: 'avg bytes', align: 'right' }, { header: 'JSON MB', align: 'right' },
        { header: 'stored MB', align: 'right' }, { header: 'floor ev/s', align: 'right' }, { header: 'pipeline ev/s', align: 'right' },
        { header: 'pipeline/floor', align: 'right' }, { header: `target ≥ ${TARGETS.ratioToFloor}`, align: 'left' },
      ],
      names.map((n) => [
        FILES[n], int(files[n].records), int(generated[n].rawBytes / generated[n].records), mb(generated[n].rawBytes), mb(generated[n].fileBytes),
        int(files[n].floorEventsPerSec), int(files[n].pipelineEventsPerSec), fixed(files[n].ratioToFloor, 2),
        verdict(files[n].ratioToFloor >= TARGETS.ratioToFloor),
      ]),
    ),
  );
  out.push('');
  out.push('Time per run (ms) and peak RSS per process (MB)');
  out.push(
    table(
      [
        { header: 'file', align: 'left' }, { header: 'floor ms', align: 'left' }, { header: 'pipeline ms', align: 'left' },
        { header: 'setup ms', align: 'right' }, { header: 'floor RSS', align: 'right' }, { header: 'pipeline RSS', align: 'right' },
        { header: `target ≤ ${TARGETS.pipelinePeakRssMB} (CloudTrail)`, align: 'left' },
      ],
      names.map((n) => [
        FILES[n], files[n].floorMs.join(' '), files[n].pipelineMs.join(' '), int(files[n].setupMs),
        fixed(files[n].floorPeakRssMB), fixed(files[n].pipelinePeakRssMB),
        AWS_FILES.includes(n) ? verdict(files[n].pipelinePeakRssMB <= TARGETS.pipelinePeakRssMB) : '—',
      ]),
    ),
  );
  out.push('');
  out.push('Findings (sanity: > 0 and equal across runs)');
  out.push(
    table(
      [
        { header: 'file', align: 'left' }, { header: 'dangerous generated', align: 'right' }, { header: 'watched harmless', align: 'right' },
        { header: 'evaluated', align: 'right' }, { header: 'findings', align: 'right' }, { header: 'alerted', align: 'right' },
        { header: 'rejected', align: 'right' }, { header: 'sha256 (file)', align: 'left' }, { header: 'check', align: 'left' },
      ],
      names.map((n) => [
        FILES[n], int(generated[n].kinds.dangerous), int(generated[n].kinds.watched), int(files[n].evaluated),
        String(files[n].findings), int(files[n].alerted), int(files[n].rejected), generated[n].sha256.slice(0, 16),
        check(files[n], generated[n]),
      ]),
    ),
  );
  out.push('');
  out.push(`Cold start (import() in a fresh process, median of ${coldRuns}) and bundle size`);
  out.push(
    table(
      [
        { header: 'function', align: 'left' }, { header: 'import ms', align: 'right' }, { header: `target < ${TARGETS.coldStartMs}`, align: 'left' },
        { header: 'runs ms', align: 'left' }, { header: 'bundle bytes', align: 'right' }, { header: 'target < 1 MB', align: 'left' },
      ],
      Object.entries(functions).map(([name, f]) => [
        name, fixed(f.coldStartMs), verdict(f.coldStartMs < TARGETS.coldStartMs), f.runsMs.map((t) => t.toFixed(0)).join(' '),
        int(f.bundleBytes), verdict(f.bundleBytes < TARGETS.bundleBytes),
      ]),
    ),
  );
  out.push('MB = 2^20 bytes for sizes and RSS; bundle bytes = entry + statically imported chunks (lazy chunks excluded); target 1 000 000.');
  if (profile) {
    out.push('');
    out.push(`CPU profile of one CloudTrail pipeline run (self time, ${fixed(profile.totalMs, 0)} ms sampled; ${profile.path})`);
    out.push(table([{ header: 'ms', align: 'right' }, { header: 'module', align: 'left' }], profile.modules.map(([m, ms]) => [fixed(ms, 0), m])));
    out.push('');
    out.push(table([{ header: 'ms', align: 'right' }, { header: 'function  module', align: 'left' }], profile.functions.map(([f, ms]) => [fixed(ms, 0), f])));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

const sane = (f) => f.findingsStable && f.findings > 0;

/** The sanity verdict, with a warning when some dangerous records went unnoticed. */
function check(f, generated) {
  if (!sane(f)) return 'FAIL';
  return f.findings < generated.kinds.dangerous ? 'ok (but fewer findings than dangerous records)' : 'ok';
}

// ---------------------------------------------------------------- main

async function main() {
  const started = performance.now();
  const host = machine();
  const dir = await mkdtemp(join(os.tmpdir(), 'audit-responder-bench-'));
  try {
    progress('building dist/ (scripts/build.mjs)');
    await runNode(['scripts/build.mjs']);
    progress(`bundling the benchmark children into ${dir}`);
    const bin = await bundleChildren(dir);

    progress(`generating ${int(count)} records per file (seed ${seed})`);
    const names = Object.keys(FILES);
    const written = await Promise.all(names.map((n) => runNode([bin['generate-main'], n, join(dir, FILES[n]), String(count), String(seed)])));
    const generated = Object.fromEntries(names.map((n, i) => [n, written[i]]));

    const files = {};
    for (const n of names) {
      progress(`measuring ${FILES[n]}: gunzip floor, parse floor and pipeline, ${runs} runs each`);
      files[n] = await measureFile(bin, join(dir, FILES[n]), generated[n].records);
    }
    const rulesDir = sigmaCorpus(ROOT);
    if (rulesDir) progress(`measuring ${FILES.cloudtrail} with the SigmaHQ AWS rules: floor and pipeline, ${runs} runs each`);
    const sigma = rulesDir ? await measureSigma({ runNode, bin, file: join(dir, FILES.cloudtrail), rulesDir, runs, median }) : undefined;
    progress(`measuring scan --jobs 1 and --jobs 2 on a folder of ${FILES.cloudtrail} objects, ${runs} runs each`);
    const jobs = await measureJobs({
      runNode, cli: join(ROOT, 'dist', 'cli.js'), child: join(ROOT, 'scripts', 'bench', 'jobs-child.mjs'),
      dir, file: join(dir, FILES.cloudtrail), records: generated.cloudtrail.records, runs, median, cores: host.cores,
    });
    progress(`measuring import time of dist/functions/*.js, ${coldRuns} runs each`);
    const functions = await measureFunctions(bin);
    let profile;
    if (opts.profile) {
      progress('profiling one CloudTrail pipeline run');
      profile = await profilePipeline(bin, join(dir, FILES.cloudtrail), dir);
    }

    printReport({ host, generated, files, functions, profile });
    process.stdout.write(`\n${sigmaReport(sigma).join('\n')}\n`);
    process.stdout.write(`\n${jobsReport(jobs, TARGETS.jobsSpeedup).join('\n')}\n`);
    const ct = files.cloudtrail;
    const fn = functions[TOP_FUNCTION] ?? {};
    const result = {
      floorEventsPerSec: ct.floorEventsPerSec,
      pipelineEventsPerSec: ct.pipelineEventsPerSec,
      ratioToFloor: ct.ratioToFloor,
      ratioToGunzip: Object.fromEntries(AWS_FILES.map((n) => [n, files[n].ratioToGunzip])),
      gunzipEventsPerSec: Object.fromEntries(AWS_FILES.map((n) => [n, files[n].gunzipEventsPerSec])),
      cpuSecondsPer100k: Object.fromEntries(names.map((n) => [n, files[n].cpuSecondsPer100k.pipeline])),
      floorPeakRssMB: ct.floorPeakRssMB,
      pipelinePeakRssMB: ct.pipelinePeakRssMB,
      coldStartMs: fn.coldStartMs,
      bundleBytes: fn.bundleBytes,
      findings: ct.findings,
      targets: {
        ratioToFloor: { min: TARGETS.ratioToFloor, ok: ct.ratioToFloor >= TARGETS.ratioToFloor },
        ratioToGunzip: { min: TARGETS.ratioToGunzip, ok: AWS_FILES.every((n) => files[n].ratioToGunzip >= TARGETS.ratioToGunzip) },
        cpuSecondsPer100k: { max: TARGETS.cpuSecondsPer100k, ok: ct.cpuSecondsPer100k.pipeline <= TARGETS.cpuSecondsPer100k },
        pipelinePeakRssMB: { max: TARGETS.pipelinePeakRssMB, ok: AWS_FILES.every((n) => files[n].pipelinePeakRssMB <= TARGETS.pipelinePeakRssMB) },
        coldStartMs: { max: TARGETS.coldStartMs, ok: fn.coldStartMs < TARGETS.coldStartMs },
        bundleBytes: { max: TARGETS.bundleBytes, ok: fn.bundleBytes < TARGETS.bundleBytes },
        jobsSpeedup: { min: TARGETS.jobsSpeedup, ok: jobs.speedup >= TARGETS.jobsSpeedup && jobs.identical },
      },
      jobs,
      sane: names.every((n) => sane(files[n])) && jobs.identical,
      machine: host,
      input: { count, seed, runs, coldRuns },
      files: Object.fromEntries(names.map((n) => [n, { ...files[n], generated: { ...generated[n], path: undefined } }])),
      functions,
      ...(sigma ? { sigma } : {}),
      ...(profile ? { profile: { path: profile.path, totalMs: Math.round(profile.totalMs), modules: profile.modules.map(([m, ms]) => [m, Math.round(ms)]) } } : {}),
      totalSeconds: Math.round((performance.now() - started) / 100) / 10,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!result.sane) process.exitCode = 1;
  } finally {
    if (opts.keep || opts.profile) progress(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

await main();
