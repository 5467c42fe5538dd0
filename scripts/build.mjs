// Bundles the CLI and each cloud function with esbuild into dist/.
// The deploy bundles are made by serverless-esbuild with the same settings.
import { readFileSync, readdirSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const functions = readdirSync('functions')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ in: `functions/${f}`, out: `functions/${f.replace(/\.ts$/, '')}` }));

/** Shared esbuild options: ESM for Node, dependencies bundled, `require` available. */
export const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  define: { __VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

// The functions as they deploy: code split, so modules loaded with import()
// (remediation clients, notifier libraries) stay out of the cold start.
await build({
  ...common,
  entryPoints: functions,
  outdir: 'dist',
  splitting: true,
  chunkNames: 'functions/chunks/[name]-[hash]',
  minify: true,
  sourcemap: 'linked',
});

// The command line: one file.
await build({
  ...common,
  entryPoints: [{ in: 'shared/cli/bin.ts', out: 'cli' }],
  outdir: 'dist',
  minify: true,
  sourcemap: 'linked',
});
