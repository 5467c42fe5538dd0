/**
 * Child process: the real path of a cloud function over one local file —
 * `respond()` (processObject: read → gunzip → parse → rules) with the file
 * reader, the real engine and default config, and a notifier that drops
 * what it gets. Usage: `node pipeline.js PATH`.
 */
import { loadConfig } from '../../shared/config/load.js';
import { createFileReader } from '../../shared/io/file-reader.js';
import { silentLogger } from '../../shared/log.js';
import type { Notifier } from '../../shared/notifiers/notifier.js';
import { createEngine } from '../../shared/rules/engine.js';
import { respond } from '../../shared/pipeline/respond.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import { cpuSinceMs, report } from './measure.js';

const path = process.argv[2];
if (!path) {
  console.error('usage: pipeline.js PATH');
  process.exit(64);
}

// Setup is what a cold start pays once; it is reported but not in the rate.
const setupStarted = performance.now();
const config = loadConfig({ env: {}, ruleIds });
const engine = createEngine(allRules, config);
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
};
const setupMs = performance.now() - setupStarted;

const started = performance.now();
const cpuStart = process.cpuUsage();
const batch = await respond([{ bucket: '', key: path }], deps);
const ms = performance.now() - started;
const runCpuMs = cpuSinceMs(cpuStart);

const object = batch.objects[0];
if (!object || object.failure) {
  console.error(`pipeline failed: ${object?.failure?.reason ?? 'no report'}`);
  process.exit(1);
}
report({
  records: object.records,
  evaluated: object.evaluated,
  findings: batch.findings.length,
  notified,
  errors: object.errors.length,
  ms,
  runCpuMs,
  setupMs,
});
