// `npm run bench`, Sigma part: the CloudTrail pipeline with the public SigmaHQ AWS
// rules loaded (from ../shared/corpus/sigma when present), against the same floor.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const TARGET = 0.8;

/** The SigmaHQ AWS rules folder ($BENCH_SIGMA_RULES, else beside the project), or undefined when absent. */
export function sigmaCorpus(root) {
  const dir = process.env.BENCH_SIGMA_RULES || resolve(root, '..', 'shared', 'corpus', 'sigma', 'rules', 'cloud', 'aws');
  return existsSync(dir) ? dir : undefined;
}

/** Floor and Sigma pipeline, interleaved, `runs` fresh processes each. */
export async function measureSigma({ runNode, bin, file, rulesDir, runs, median }) {
  const floor = [];
  const sigma = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await runNode([bin.floor, file]));
    sigma.push(await runNode([bin.sigma, file, rulesDir]));
  }
  const rate = (r) => (r.records / r.ms) * 1000;
  const floorEventsPerSec = Math.round(median(floor.map(rate)));
  const pipelineEventsPerSec = Math.round(median(sigma.map(rate)));
  const ratioToFloor = Math.round((pipelineEventsPerSec / floorEventsPerSec) * 1000) / 1000;
  return {
    rulesDir,
    sigmaRules: sigma[0].sigmaRules,
    unindexed: sigma[0].unindexed,
    records: sigma[0].records,
    evaluated: sigma[0].evaluated,
    findings: sigma[0].findings,
    floorEventsPerSec,
    pipelineEventsPerSec,
    ratioToFloor,
    setupMs: Math.round(median(sigma.map((r) => r.setupMs))),
    pipelinePeakRssMB: Math.max(...sigma.map((r) => r.peakRssMB)),
    target: { min: TARGET, ok: ratioToFloor >= TARGET },
  };
}

/** The report lines. */
export function sigmaReport(s) {
  if (!s) return ['Sigma: ../shared/corpus/sigma not found, run skipped'];
  return [
    `Sigma (CloudTrail file, ${s.sigmaRules} SigmaHQ AWS rules, ${s.unindexed} not indexed; setup ${s.setupMs} ms)`,
    `  floor ${s.floorEventsPerSec} ev/s · pipeline ${s.pipelineEventsPerSec} ev/s · pipeline/floor ${s.ratioToFloor.toFixed(2)} ` +
      `(target ≥ ${TARGET}: ${s.target.ok ? 'ok' : 'MISSED'}) · evaluated ${s.evaluated} · findings ${s.findings} · RSS ${s.pipelinePeakRssMB} MB`,
  ];
}
