// Bundles the CLI and each cloud function with esbuild into dist/.
// The deploy bundles are made by serverless-esbuild with the same settings.
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';
import { common } from './esbuild-options.mjs';

const functions = readdirSync('functions')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ in: `functions/${f}`, out: `functions/${f.replace(/\.ts$/, '')}` }));

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

// The command line: one file, and the entry of its `scan --jobs` worker
// threads beside it (found as ./scan-worker.js next to cli.js).
await build({
  ...common,
  entryPoints: [
    { in: 'shared/cli/bin.ts', out: 'cli' },
    { in: 'shared/cli/scan-worker.ts', out: 'scan-worker' },
  ],
  outdir: 'dist',
  minify: true,
  sourcemap: 'linked',
});
