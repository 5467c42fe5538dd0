/**
 * Correlation rules over our own CloudTrail records, through the CLI scan
 * (state in memory over everything scanned).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../shared/cli/main.js';
import { CONSOLE_LOGIN_RULES, consoleLogin } from './helpers.js';

function run(args: string[]) {
  let out = '';
  let err = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), isTty: false, env: {} };
  return main(args, io).then((code) => ({ code, out, err }));
}

async function scan(correlation: string, records: readonly Record<string, unknown>[], perFile = 2) {
  const dir = mkdtempSync(join(tmpdir(), 'ar-corr-'));
  mkdirSync(join(dir, 'logs'));
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'rules', 'base.yml'), CONSOLE_LOGIN_RULES);
  writeFileSync(join(dir, 'rules', 'correlation.yml'), correlation);
  // Spread over several log objects: the burst is still seen once.
  for (let i = 0; i < records.length; i += perFile) {
    writeFileSync(join(dir, 'logs', `part-${i}.json`), JSON.stringify({ Records: records.slice(i, i + perFile) }));
  }
  const result = await run(['scan', join(dir, 'logs'), '--sigma', join(dir, 'rules'), '--format', 'json']);
  const findings = result.out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((f) => f.category === 'sigma');
  return { ...result, findings };
}

const corr = (type: string, body: string) => `title: ${type} correlation
id: c0c0c0c0-d1d1-4e2e-8f3f-a4a4a4a4a4a4
author: Corr Author
level: high
correlation:
  type: ${type}
${body}
`;

describe('Sigma correlations in scan', () => {
  it('event_count: one finding per burst per group, naming the events; inputs alone are not alerted', async () => {
    // Prepare
    const rule = corr('event_count', '  rules: [failed_console_login]\n  group-by: [userIdentity.userName]\n  timespan: 10m\n  condition: {gte: 3}');
    const burst = [consoleLogin('bob', false, 0), consoleLogin('bob', false, 2), consoleLogin('bob', false, 4), consoleLogin('bob', false, 5), consoleLogin('carol', false, 1), consoleLogin('carol', false, 3)];

    // Act
    const { code, findings } = await scan(rule, burst);

    // Assess
    expect(code).toBe(EXIT.findings);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('sigma:c0c0c0c0-d1d1-4e2e-8f3f-a4a4a4a4a4a4');
    expect(f.severity).toBe('high');
    expect(f.sigma).toMatchObject({ author: 'Corr Author', kind: 'correlation' });
    expect(f.evidence.details.group).toEqual({ 'userIdentity.userName': 'bob' });
    expect(f.evidence.details.events.map((e: { eventId: string }) => e.eventId)).toEqual(burst.slice(0, 3).map((r) => r.eventID));
  });

  it('event_count: events farther apart than the timespan do not add up', async () => {
    // Prepare
    const rule = corr('event_count', '  rules: [failed_console_login]\n  group-by: [userIdentity.userName]\n  timespan: 5m\n  condition: {gte: 3}');

    // Act
    const { findings } = await scan(rule, [consoleLogin('bob', false, 0), consoleLogin('bob', false, 10), consoleLogin('bob', false, 20)]);

    // Assess
    expect(findings).toHaveLength(0);
  });

  it('value_count: distinct source addresses per user', async () => {
    // Prepare
    const rule = corr('value_count', '  rules: [a1a1a1a1-b2b2-4c3c-8d4d-e5e5e5e5e5e5]\n  group-by: [userIdentity.userName]\n  timespan: 1h\n  condition: {field: sourceIPAddress, gt: 2}');
    const same = [consoleLogin('bob', false, 0, '203.0.113.1'), consoleLogin('bob', false, 1, '203.0.113.1'), consoleLogin('bob', false, 2, '203.0.113.2')];
    const many = [...same, consoleLogin('bob', false, 3, '203.0.113.3')];

    // Act
    const few = await scan(rule, same);
    const enough = await scan(rule, many);

    // Assess
    expect(few.findings).toHaveLength(0);
    expect(enough.findings).toHaveLength(1);
    expect(enough.findings[0].evidence.details.count).toBe(3);
  });

  it('temporal: both rules for the same user within the timespan, in any order', async () => {
    // Prepare
    const rule = corr('temporal', '  rules: [ok_console_login, failed_console_login]\n  group-by: [userIdentity.userName]\n  timespan: 10m');

    // Act
    const hit = await scan(rule, [consoleLogin('bob', true, 0), consoleLogin('bob', false, 3)]);
    const otherUser = await scan(rule, [consoleLogin('bob', true, 0), consoleLogin('carol', false, 3)]);

    // Assess
    expect(hit.findings).toHaveLength(1);
    expect(otherUser.findings).toHaveLength(0);
  });

  it('temporal_ordered: failures then a success, not the other way round', async () => {
    // Prepare
    const rule = corr('temporal_ordered', '  rules: [failed_console_login, ok_console_login]\n  group-by: [userIdentity.userName]\n  timespan: 10m');

    // Act
    const ordered = await scan(rule, [consoleLogin('bob', false, 0), consoleLogin('bob', true, 4)]);
    const reversed = await scan(rule, [consoleLogin('bob', true, 0), consoleLogin('bob', false, 4)]);

    // Assess
    expect(ordered.findings).toHaveLength(1);
    expect(ordered.findings[0].evidence.details.events).toHaveLength(2);
    expect(reversed.findings).toHaveLength(0);
  });

  it('generate: true keeps the referenced rules alerting on their own', async () => {
    // Prepare
    const rule = corr('event_count', '  rules: [failed_console_login]\n  group-by: [userIdentity.userName]\n  timespan: 10m\n  condition: {gte: 2}\n  generate: true');

    // Act
    const { findings } = await scan(rule, [consoleLogin('bob', false, 0), consoleLogin('bob', false, 1)]);

    // Assess
    expect(findings.map((f) => f.sigma.kind).sort()).toEqual(['correlation', 'detection', 'detection']);
  });

  it.each([
    ['value_sum', corr('value_sum', '  rules: [failed_console_login]\n  group-by: [x]\n  timespan: 1h\n  condition: {field: y, gt: 1}'), /correlation type "value_sum" is not supported/],
    ['unknown rule', corr('event_count', '  rules: [nope]\n  group-by: [x]\n  timespan: 1h\n  condition: {gte: 2}'), /no loaded rule has id or name "nope"/],
    ['bad timespan', corr('event_count', '  rules: [failed_console_login]\n  group-by: [x]\n  timespan: 1 hour\n  condition: {gte: 2}'), /timespan "1 hour"/],
    ['only an upper bound', corr('event_count', '  rules: [failed_console_login]\n  group-by: [x]\n  timespan: 1h\n  condition: {lt: 2}'), /streaming evaluator/],
    ['value_count without field', corr('value_count', '  rules: [failed_console_login]\n  group-by: [x]\n  timespan: 1h\n  condition: {gte: 2}'), /needs correlation.condition.field/],
  ])('refuses %s', async (_name, rule, reason) => {
    // Act
    const { code, err } = await scan(rule, [consoleLogin('bob', false, 0)]);

    // Assess
    expect(code).toBe(EXIT.config);
    expect(err).toContain('correlation.yml');
    expect(err).toMatch(reason);
  });
});
