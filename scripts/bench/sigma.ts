/**
 * Child process: the pipeline of `pipeline.ts` with Sigma rules loaded from
 * a folder (the public SigmaHQ AWS rules in `npm run bench`), correlations
 * included. Loading and compiling is setup (a cold start pays it once).
 * Usage: `node sigma.js LOGFILE RULES_DIR`.
 */
import { loadConfig } from '../../shared/config/load.js';
import { createFileReader } from '../../shared/io/file-reader.js';
import { silentLogger } from '../../shared/log.js';
import type { Notifier } from '../../shared/notifiers/notifier.js';
import { createEngine } from '../../shared/rules/engine.js';
import { respond } from '../../shared/pipeline/respond.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import { withCorrelations } from '../../shared/sigma/attach.js';
import { prepareSigma } from '../../shared/sigma/setup.js';
import { memoryCorrelationStore } from '../../shared/store/correlation-store.js';
import { report } from './measure.js';

const [path, rulesDir] = process.argv.slice(2);
if (!path || !rulesDir) {
  console.error('usage: sigma.js LOGFILE RULES_DIR');
  process.exit(64);
}

const setupStarted = performance.now();
const config = loadConfig({ env: {}, ruleIds });
const sigma = await prepareSigma([rulesDir], { skipUnsupported: true, warn: () => {} });
const engine = createEngine(allRules, config, { extra: sigma.extra });
let notified = 0;
const nullNotifier: Notifier = {
  name: 'null',
  async send(findings) {
    notified += findings.length;
    return { sent: 0, alreadySent: 0 };
  },
};
const deps = {
  reader: createFileReader(config.storage.maxObjectBytes),
  engine,
  maxObjectBytes: config.storage.maxObjectBytes,
  notifiers: [nullNotifier],
  logger: silentLogger,
  remediate: withCorrelations(sigma, engine, config, memoryCorrelationStore(), undefined),
};
const setupMs = performance.now() - setupStarted;

const started = performance.now();
const batch = await respond([{ bucket: '', key: path }], deps);
const ms = performance.now() - started;

const object = batch.objects[0];
if (!object || object.failure) {
  console.error(`sigma pipeline failed: ${object?.failure?.reason ?? 'no report'}`);
  process.exit(1);
}
report({
  records: object.records,
  evaluated: object.evaluated,
  findings: batch.findings.length,
  notified,
  errors: object.errors.length,
  ms,
  setupMs,
  sigmaRules: sigma.set.rules.length,
  unindexed: engine.unindexed,
});
