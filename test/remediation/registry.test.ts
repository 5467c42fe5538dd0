import { describe, expect, it } from 'vitest';
import { actionsById, allActions } from '../../shared/remediation/index.js';
import { allRules } from '../../shared/rules/index.js';

describe('remediation registry', () => {
  it('has one action per id, named like its file', () => {
    expect(new Set(allActions.map((a) => a.id)).size).toBe(allActions.length);
    for (const a of allActions) expect(a.id).toMatch(new RegExp(`^${a.cloud}-[a-z0-9]+(-[a-z0-9]+)+$`));
  });

  it.each(allActions.map((a) => [a.id, a] as const))('%s declares its permissions and what it changes', (_id, action) => {
    expect(action.permissions.length).toBeGreaterThan(0);
    const pattern = action.cloud === 'aws' ? /^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/ : /^[a-z-]+(\.[a-zA-Z]+)*\.[a-zA-Z]+$|^[a-z-]+\.admin$/;
    for (const p of action.permissions) expect(p).toMatch(pattern);
    expect(action.description.length).toBeGreaterThan(20);
  });

  it('has an action for every remediation a rule may plan', () => {
    const planned = allRules.flatMap((r) => r.remediations.map((id) => [r.id, id]));
    expect(planned.filter(([, id]) => !actionsById.has(id!))).toEqual([]);
    expect(allActions.filter((a) => !allRules.some((r) => r.remediations.includes(a.id))).map((a) => a.id)).toEqual([]);
  });
});
