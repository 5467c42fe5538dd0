// `npm run package:yandex [-- --stage NAME]`: the Yandex Cloud Functions package,
// built offline: dist/yandex/<stage>/function.zip with index.js, one CommonJS
// bundle with three entry points — `index.handler` (the Object Storage trigger),
// `index.heartbeat` (the silence alarm's timer trigger) and `index.queue` (the
// Message Queue trigger for backfill) — the stage file and the Sigma rule files
// of the stage's sigma.paths.
import { existsSync, readFileSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { common } from './esbuild-options.mjs';
import { writeZip } from './zip.mjs';

const { values } = parseArgs({ options: { stage: { type: 'string', default: 'dev' } } });
const out = `dist/yandex/${values.stage}`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
/** Handler export of index.js → its source; the entry point is `index.<export>`. */
const ENTRIES = { handler: 'functions/yandex-storage.ts', heartbeat: 'functions/yandex-heartbeat.ts', queue: 'functions/yandex-queue.ts' };
// One bundle for the three (one copy of the engine keeps the zip small enough to upload directly).
await build({
  stdin: {
    contents: Object.entries(ENTRIES).map(([name, entry]) => `export { handler as ${name} } from './${entry}';`).join('\n'),
    resolveDir: process.cwd(),
    sourcefile: 'yandex-entry.ts',
    loader: 'ts',
  },
  outfile: `${out}/index.js`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  minify: true,
  sourcemap: 'linked',
  define: common.define,
  logLevel: 'warning',
});
writeZip(`${out}/function.zip`, [
  { name: 'index.js', data: readFileSync(`${out}/index.js`) },
  { name: 'index.js.map', data: readFileSync(`${out}/index.js.map`) },
  { name: `config/${values.stage}.json`, data: readFileSync(`config/${values.stage}.json`) },
  ...sigmaFiles().map((name) => ({ name, data: readFileSync(name) })),
]);

function sigmaFiles() {
  if (!existsSync(`config/${values.stage}.yml`)) return [];
  return createRequire(import.meta.url)('./sigma-package-patterns.cjs').sigmaFiles(process.cwd(), values.stage);
}
console.log(`wrote ${out}/function.zip (${statSync(`${out}/function.zip`).size} bytes)`);
