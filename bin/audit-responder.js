#!/usr/bin/env node
// The command is the bundled CLI; `npm ci` builds it (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('audit-responder: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(70);
}
await import(cli);
