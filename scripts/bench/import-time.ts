/**
 * Child process: how long a fresh Node process takes to import one function
 * bundle (module load + top-level code, no invocation). Usage:
 * `node import-time.js BUNDLE`.
 */
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle) {
  console.error('usage: import-time.js BUNDLE');
  process.exit(64);
}
const url = pathToFileURL(bundle).href;
const started = performance.now();
await import(url);
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms })}\n`);
