// `npm run package:yandex [-- --stage NAME]`: the Yandex Cloud Functions package,
// built offline: dist/yandex/<stage>/function.zip with index.js (the bundled
// yandex-storage handler, CommonJS, entry point `index.handler`), the stage file
// and the Sigma rule files of the stage's sigma.paths.
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
await build({
  entryPoints: ['functions/yandex-storage.ts'],
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
