/**
 * Child process: the real path of a cloud function over one local file —
 * `respond()` (processObject: read → gunzip → parse → rules) with the file
 * reader, the real engine and default config, and a notifier that drops
 * what it gets. Usage: `node pipeline.js PATH`.
 */
import { loadConfig } from '../../shared/config/load.js';
import { createEngine } from '../../shared/rules/engine.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import { report } from './measure.js';
import { runObject } from './run-object.js';

const path = process.argv[2];
if (!path) {
  console.error('usage: pipeline.js PATH');
  process.exit(64);
}

// Setup is what a cold start pays once; it is reported but not in the rate.
const setupStarted = performance.now();
const config = loadConfig({ env: {}, ruleIds });
const engine = createEngine(allRules, config);
const setupMs = performance.now() - setupStarted;

report({ ...(await runObject('pipeline', path, { engine, maxObjectBytes: config.storage.maxObjectBytes })), setupMs });
