// Summarize a V8 .cpuprofile of an unminified esbuild bundle: self time per
// source module (found from esbuild's `// path/to/file.ts` markers in the
// bundle) and per function. Used by `npm run bench -- --profile`.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Line → source module, from the module markers esbuild writes in unminified bundles. */
function moduleIndex(bundlePath) {
  const marks = [];
  const lines = readFileSync(bundlePath, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\/\/ ((?:\.\.\/)*[\w@.+-][\w@./+-]*\.(?:ts|js|mjs|cjs|json))$/.exec(lines[i]);
    if (m) marks.push({ line: i, module: m[1].replace(/^(\.\.\/)+/, '') });
  }
  return (line) => {
    let lo = 0;
    let hi = marks.length - 1;
    let found = '(bundle prelude)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid].line <= line) {
        found = marks[mid].module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** Self time (ms) per node id, from samples and their time deltas. */
function selfTimes(profile) {
  const self = new Map();
  for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  return self;
}

/** Where a node's time belongs: a bundle module, a Node built-in, or V8 itself. */
function placeOf(node, bundleUrl, moduleOf) {
  const { url, functionName, lineNumber } = node.callFrame;
  if (url === bundleUrl) return moduleOf(lineNumber);
  if (url.startsWith('node:')) return url;
  if (!url) return `(${functionName || 'native'})`;
  return url.replace(/^file:\/\//, '');
}

function top(map, n) {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/**
 * Self time of the profile grouped by module and by function.
 * @returns {{ totalMs: number, modules: [string, number][], functions: [string, number][] }}
 */
export function summarizeProfile(profilePath, bundlePath, n = 12) {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
  const bundleUrl = pathToFileURL(bundlePath).href;
  const moduleOf = moduleIndex(bundlePath);
  const self = selfTimes(profile);
  const modules = new Map();
  const functions = new Map();
  let totalMs = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0) continue;
    totalMs += ms;
    const place = placeOf(node, bundleUrl, moduleOf);
    modules.set(place, (modules.get(place) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || '(anonymous)'}  ${place}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  return { totalMs, modules: top(modules, n), functions: top(functions, n) };
}

/** Allow `node scripts/bench/profile.mjs PROFILE BUNDLE` for a quick look at a kept profile. */
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [profilePath, bundlePath] = process.argv.slice(2);
  const { totalMs, modules, functions } = summarizeProfile(profilePath, bundlePath);
  console.log(`total sampled: ${totalMs.toFixed(0)} ms`);
  for (const [name, ms] of modules) console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
  console.log('');
  for (const [name, ms] of functions) console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
}
