/**
 * Child process: the pipeline of `pipeline.ts` with Sigma rules loaded from
 * a folder (the public SigmaHQ AWS rules in `npm run bench`), correlations
 * included. Loading and compiling is setup (a cold start pays it once).
 * Usage: `node sigma.js LOGFILE RULES_DIR`.
 */
import { loadConfig } from '../../shared/config/load.js';
import { createEngine } from '../../shared/rules/engine.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import { withCorrelations } from '../../shared/sigma/attach.js';
import { prepareSigma } from '../../shared/sigma/setup.js';
import { memoryCorrelationStore } from '../../shared/store/correlation-store.js';
import { report } from './measure.js';
import { runObject } from './run-object.js';

const [path, rulesDir] = process.argv.slice(2);
if (!path || !rulesDir) {
  console.error('usage: sigma.js LOGFILE RULES_DIR');
  process.exit(64);
}

const setupStarted = performance.now();
const config = loadConfig({ env: {}, ruleIds });
const sigma = await prepareSigma([rulesDir], { skipUnsupported: true, warn: () => {} });
const engine = createEngine(allRules, config, { extra: sigma.extra });
const remediate = withCorrelations(sigma, engine, config, memoryCorrelationStore(), undefined);
const setupMs = performance.now() - setupStarted;

const run = await runObject('sigma pipeline', path, { engine, maxObjectBytes: config.storage.maxObjectBytes, remediate });
report({ ...run, setupMs, sigmaRules: sigma.set.rules.length, unindexed: engine.unindexed });
