// The esbuild options shared by the build, the benchmark and the Yandex package:
// ESM for Node, dependencies bundled, `require` available to CommonJS dependencies.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

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

/**
 * The two builds of `npm run build`, as paths relative to the project root
 * (esbuild's absWorkingDir); the fault suite builds the same into a temp dir.
 */
export function projectBuilds(root = '.') {
  const functions = readdirSync(join(root, 'functions'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ in: `functions/${f}`, out: `functions/${f.replace(/\.ts$/, '')}` }));
  return {
    // The functions as they deploy: code split, so modules loaded with import()
    // (remediation clients, notifier libraries) stay out of the cold start.
    functions: { ...common, entryPoints: functions, splitting: true, chunkNames: 'functions/chunks/[name]-[hash]' },
    // The command line, and the entry of its `scan --jobs` worker threads. Code
    // split like the functions: what only some commands use (the SDK clients of
    // remediation, nodemailer, Sigma) loads when used, and the workers share the
    // chunks. The worker entry sits among the chunks: scan-workers.ts, itself a
    // chunk (it is only imported on demand), finds it as ./scan-worker.js.
    cli: {
      ...common,
      entryPoints: [
        { in: 'shared/cli/bin.ts', out: 'cli' },
        { in: 'shared/cli/scan-worker.ts', out: 'chunks/scan-worker' },
      ],
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    },
  };
}
