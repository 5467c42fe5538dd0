import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchema } from '../../shared/config/schema.js';
import { ROOT, codeSpans, readDoc, tableRows } from './markdown.js';
import { keyPaths } from './schema-keys.js';

const PAGE = 'docs/configuration.md';
const KEY_HEADER = ['key', 'type', 'default', 'meaning'];
const VARIABLE_HEADER = ['variable', 'meaning'];

/** The key paths a page documents: first cells of its key tables, `<name>` segments as `*`. */
function documentedKeys(text: string): string[] {
  return tableRows(text, KEY_HEADER).flatMap((row) => codeSpans(row[0] ?? '').map((key) => key.replace(/<[^>]+>/g, '*')));
}

/** The environment variables a page documents: first cells of its variable tables. */
function documentedVariables(text: string): string[] {
  return tableRows(text, VARIABLE_HEADER).flatMap((row) => codeSpans(row[0] ?? ''));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js|cjs)$/.test(name) ? [path] : [];
  });
}

/** Names read from an environment: `env.NAME`, `env['NAME']`, and the typed getters `envX(env, 'NAME')`. */
const ENV_READS = [
  /\benv\.([A-Z][A-Z0-9_]+)\b/g,
  /\benv\[\s*['"]([A-Z][A-Z0-9_]+)['"]\s*\]/g,
  /\benv[A-Z]\w*\(\s*\w+\s*,\s*['"]([A-Z][A-Z0-9_]+)['"]/g,
];

/** Every environment variable the code reads, with the first file that reads it. */
function variablesReadByCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of ['shared', 'functions', 'bin']) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of ENV_READS) {
        for (const m of text.matchAll(pattern)) {
          if (m[1] && !found.has(m[1])) found.set(m[1], relative(ROOT, file));
        }
      }
    }
  }
  return found;
}

describe('configuration reference (docs/configuration.md)', () => {
  const page = readDoc(PAGE);

  it('documents every key of the configuration schema', () => {
    // Prepare
    const documented = new Set(documentedKeys(page));

    // Act
    const missing = keyPaths(configSchema).filter((key) => !documented.has(key));

    // Assess
    expect(missing).toEqual([]);
  });

  it('documents no key the schema does not have', () => {
    // Prepare
    const schemaKeys = new Set(keyPaths(configSchema));

    // Act
    const stale = documentedKeys(page).filter((key) => !schemaKeys.has(key));

    // Assess
    expect(stale).toEqual([]);
  });

  it('documents each key once', () => {
    // Act
    const keys = documentedKeys(page);

    // Assess
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('documents every environment variable the code reads', () => {
    // Prepare
    const documented = new Set(documentedVariables(page));
    const read = variablesReadByCode();

    // Act
    const missing = [...read].filter(([name]) => !documented.has(name)).map(([name, file]) => `${name} (read in ${file})`);

    // Assess
    expect(read.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

describe('schema key walk', () => {
  it.each([
    { name: 'nested objects', schema: z.object({ a: z.object({ b: z.string() }) }), keys: ['a', 'a.b'] },
    { name: 'defaults and optionals', schema: z.object({ a: z.object({ b: z.number().default(1) }).optional() }), keys: ['a', 'a.b'] },
    { name: 'effects', schema: z.object({ a: z.object({ b: z.string() }).refine(() => true) }), keys: ['a', 'a.b'] },
    { name: 'records of objects', schema: z.object({ r: z.record(z.string(), z.object({ on: z.boolean() })) }), keys: ['r', 'r.*.on'] },
    { name: 'records of scalars', schema: z.object({ r: z.record(z.string(), z.string()) }), keys: ['r'] },
    { name: 'lists of objects', schema: z.object({ l: z.array(z.object({ n: z.string() })) }), keys: ['l', 'l[].n'] },
    {
      name: 'unions with an object option',
      schema: z.object({ l: z.array(z.union([z.string(), z.object({ p: z.string() })])) }),
      keys: ['l', 'l[].p'],
    },
  ])('walks $name', ({ schema, keys }) => {
    // Act
    const walked = keyPaths(schema);

    // Assess
    expect(walked).toEqual(keys);
  });

  it('reads key tables, with <name> segments as record keys', () => {
    // Prepare
    const text = ['| key | type | default | meaning |', '|---|---|---|---|', '| `rules.<id>.enabled` | boolean | `true` | on |', '', '| other | table |', '|---|---|', '| `x` | y |'].join('\n');

    // Act
    const keys = documentedKeys(text);

    // Assess
    expect(keys).toEqual(['rules.*.enabled']);
  });
});
