/**
 * One settings loader: every environment variable the code reads goes
 * through the getters of `shared/config/env.ts` and is declared in one list
 * (the runtime's, the config overrides', or a notifier's declaration).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_OVERRIDE_VARIABLES } from '../../shared/config/load.js';
import { RUNTIME_VARIABLES } from '../../shared/config/runtime-settings.js';
import { NOTIFIERS } from '../../shared/notifiers/index.js';
import { SECRET_NAMES } from '../../shared/secrets/ssm.js';

const root = new URL('../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = [...sources('shared'), ...sources('functions')].map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
const declared = new Set<string>([
  ...RUNTIME_VARIABLES,
  ...CONFIG_OVERRIDE_VARIABLES,
  ...NOTIFIERS.flatMap((n) => n.settings.variables),
  ...SECRET_NAMES.map((name) => `${name}_PARAM`),
]);

describe('environment variables', () => {
  it('are read only through the getters of shared/config/env.ts', () => {
    // Assess: `env.NAME` or `env['NAME']` outside shared/config/ (the SDK's own AWS_REGION read in remediation/lib/scope.ts excepted)
    const direct = files
      .filter(({ file }) => !file.startsWith('shared/config/'))
      .flatMap(({ file, text }) => [...text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]+)|\[['`]([A-Z][A-Z0-9_]*))/g)].map((m) => `${relative('.', file)}: ${m[1] ?? m[2]}`))
      .filter((hit) => !hit.startsWith('shared/remediation/lib/scope.ts: AWS_REGION'));
    expect(direct).toEqual([]);
  });

  it('are each declared in one list, with their documentation beside it', () => {
    // Prepare
    const read = files.flatMap(({ file, text }) =>
      [...text.matchAll(/\benv(?:String|List|Boolean|Integer|Severity)\(\s*\w+,\s*['`]([A-Z][A-Z0-9_]*)/g)].map((m) => ({ file, name: m[1] ?? '' })),
    );

    // Assess
    expect(read.length).toBeGreaterThan(20);
    expect(read.filter((r) => !declared.has(r.name))).toEqual([]);
  });

  it.each(NOTIFIERS.map((n) => ({ key: n.settings.key, variables: n.settings.variables })))('$key documents each of its variables in its settings file', ({ key, variables }) => {
    const text = readFileSync(join(root, 'shared/notifiers', `${key}-settings.ts`), 'utf8');
    for (const name of variables) expect(text).toContain(`| \`${name}\` |`);
  });

  it('has no variable declared twice', () => {
    const all = [...RUNTIME_VARIABLES, ...CONFIG_OVERRIDE_VARIABLES, ...NOTIFIERS.flatMap((n) => n.settings.variables)];
    expect(all.length).toBe(new Set(all).size);
  });
});
