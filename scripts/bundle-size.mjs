// The bytes a function loads at cold start: its entry file plus every chunk
// it imports statically (chunks behind import() are loaded only when used).
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Static import closure of an ESM bundle: { files, bytes }. */
export function staticClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // `import{a}from"./chunks/x.js"` / `import"./x.js"` / `export*from"./x.js"` (not `import("…")`)
    for (const m of text.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["'](\.[^"']+)["']/g)) {
      visit(resolve(dirname(file), m[1]));
    }
  };
  visit(resolve(entry));
  let bytes = 0;
  for (const f of seen) bytes += statSync(f).size;
  return { files: [...seen], bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const entry of process.argv.slice(2)) {
    const { files, bytes } = staticClosure(entry);
    console.log(`${entry}: ${bytes} bytes in ${files.length} files`);
  }
}
