import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../shared/rules/index.js';
import { CATEGORIES, CLOUDS, SEVERITIES } from '../../shared/types.js';

const ruleFiles = readdirSync(new URL('../../shared/rules/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !['index.ts', 'engine.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));

describe('rule registry', () => {
  it('lists every rule file exactly once, with id = file name', () => {
    expect(allRules.map((r) => r.id).sort()).toEqual([...ruleFiles].sort());
  });

  it.each(allRules.map((r) => [r.id, r] as const))('%s is well formed and tested', (id, rule) => {
    expect(id).toMatch(new RegExp(`^${rule.cloud}-[a-z0-9]+(-[a-z0-9]+)+$`));
    expect(CLOUDS).toContain(rule.cloud);
    expect(CATEGORIES).toContain(rule.category);
    expect(SEVERITIES).toContain(rule.severity);
    expect(rule.actions.length).toBeGreaterThan(0);
    expect(new Set(rule.actions).size).toBe(rule.actions.length);
    expect(rule.title.length).toBeGreaterThan(0);
    expect(rule.runbook.length).toBeGreaterThan(20);
    if (rule.cloud === 'yandex') for (const a of rule.actions) expect(a).toMatch(/^yandex\.cloud\.audit\./);
    expect(existsSync(new URL(`./${id}.test.ts`, import.meta.url))).toBe(true);
  });
});
