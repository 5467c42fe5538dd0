/**
 * `scan --sigma` and `sigma check` end to end through the CLI, with rules
 * and CloudTrail / Yandex records we write here.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../shared/cli/main.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { yandexEvent } from '../helpers/yandex.js';

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), isTty: false, env };
  return main(args, io).then((code) => ({ code, out, err }));
}

const STOP_LOGGING = `title: CloudTrail logging stopped
id: 3c1f0e7a-8d2b-4e5f-9a6b-7c8d9e0f1a2b
status: experimental
description: Someone stopped or deleted a trail.
author: Jane Analyst
references:
  - https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html
tags:
  - attack.defense-evasion
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: cloudtrail.amazonaws.com
    eventName:
      - StopLogging
      - DeleteTrail
  condition: selection
level: high
`;

const YANDEX_PUBLIC = `title: Yandex bucket opened to anonymous reads
id: 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b
author: Ivan Petrov
logsource:
  product: yandex_cloud
  service: audit_trails
detection:
  selection:
    event_type: yandex.cloud.audit.storage.BucketUpdate
    details.objects_access: 'true'
  condition: selection
level: critical
`;

const WINDOWS = `title: Windows rule
id: 0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e
author: Someone
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\\\whoami.exe'
  condition: selection
level: low
`;

const UNINDEXED = `title: Any call from a scanner user agent
id: 7b7b7b7b-8c8c-4d9d-8eae-9f9f9f9f9f9f
author: Jane Analyst
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    userAgent|contains: masscan
  condition: selection
level: low
`;

const COUNT = `title: Old aggregation
id: 1c1c1c1c-2d2d-4e3e-8f4f-5a5a5a5a5a5a
author: Someone
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName: ListBuckets
  timeframe: 10m
  condition: selection | count() > 5
level: low
`;

const stop = cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 'org-trail' } });
const lookalike = cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StartLogging', requestParameters: { name: 'org-trail' } });
const scanner = cloudTrailRecord({ eventName: 'ListUsers', userAgent: 'masscan/1.3' });
const yandexPublic = yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-public', objects_access: true });

function workspace(rules: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'ar-sigma-'));
  const logs = join(dir, 'logs');
  const rulesDir = join(dir, 'rules');
  mkdirSync(logs);
  mkdirSync(join(rulesDir, 'nested'), { recursive: true });
  writeFileSync(join(logs, 'trail.json.gz'), gzipSync(JSON.stringify({ Records: [stop, lookalike, scanner] })));
  writeFileSync(join(logs, 'yandex.json'), JSON.stringify([yandexPublic]));
  for (const [name, text] of Object.entries(rules)) writeFileSync(join(rulesDir, name), text);
  return { dir, logs, rulesDir };
}

describe('scan --sigma', () => {
  it('reports Sigma findings with the rule metadata and author, on both clouds', async () => {
    // Prepare
    const ws = workspace({ 'stop.yml': STOP_LOGGING, 'nested/yandex.yml': YANDEX_PUBLIC, 'windows.yml': WINDOWS });

    // Act
    const { code, out } = await run(['scan', ws.logs, '--sigma', ws.rulesDir, '--format', 'json']);

    // Assess
    const lines = out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.category === 'sigma');
    expect(code).toBe(EXIT.findings);
    expect(lines.map((l) => [l.ruleId, l.eventId, l.severity])).toEqual(expect.arrayContaining([
      ['sigma:3c1f0e7a-8d2b-4e5f-9a6b-7c8d9e0f1a2b', stop.eventID, 'high'],
      ['sigma:5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', yandexPublic.event_id, 'critical'],
    ]));
    expect(lines).toHaveLength(2);
    const trail = lines.find((l) => l.eventId === stop.eventID);
    expect(trail.sigma).toMatchObject({ id: '3c1f0e7a-8d2b-4e5f-9a6b-7c8d9e0f1a2b', title: 'CloudTrail logging stopped', author: 'Jane Analyst', level: 'high', status: 'experimental', tags: ['attack.defense-evasion'] });
    expect(trail.sigma.references).toHaveLength(1);
    expect(trail.sigma.file).toContain('stop.yml');
    expect(trail.evidence.details.fields).toEqual({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' });
    expect(trail.remediation).toBeNull();
  });

  it('shows the author in the text output', async () => {
    // Prepare
    const ws = workspace({ 'stop.yml': STOP_LOGGING });

    // Act
    const { out } = await run(['scan', ws.logs, '--sigma', join(ws.rulesDir, 'stop.yml')]);

    // Assess
    expect(out).toContain('Sigma rule by Jane Analyst');
  });

  it('runs rules that cannot be indexed on every record', async () => {
    // Prepare
    const ws = workspace({ 'scanner.yml': UNINDEXED });

    // Act
    const { out } = await run(['scan', ws.logs, '--sigma', ws.rulesDir, '--format', 'json']);

    // Assess
    const ids = out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.category === 'sigma').map((l) => l.eventId);
    expect(ids).toEqual([scanner.eventID]);
  });

  it('exits 78 naming the file and the reason of a refused rule', async () => {
    // Prepare
    const ws = workspace({ 'stop.yml': STOP_LOGGING, 'old-count.yml': COUNT });

    // Act
    const { code, out, err } = await run(['scan', ws.logs, '--sigma', ws.rulesDir, '--format', 'json']);

    // Assess
    expect(code).toBe(EXIT.config);
    expect(out).toBe('');
    expect(err).toContain('old-count.yml');
    expect(err).toContain('count() expression is deprecated');
  });

  it('skips a refused rule with a warning when told to', async () => {
    // Prepare
    const ws = workspace({ 'stop.yml': STOP_LOGGING, 'old-count.yml': COUNT });

    // Act
    const { code, out, err } = await run(['scan', ws.logs, '--sigma', ws.rulesDir, '--sigma-skip-unsupported', '--format', 'json']);

    // Assess
    expect(code).toBe(EXIT.findings);
    expect(err).toMatch(/Sigma rule skipped: .*old-count\.yml/);
    expect(out).toContain('sigma:3c1f0e7a-8d2b-4e5f-9a6b-7c8d9e0f1a2b');
  });

  it('reads sigma.paths relative to the config file, with switches and severity overrides by sigma id', async () => {
    // Prepare
    const ws = workspace({ 'stop.yml': STOP_LOGGING, 'scanner.yml': UNINDEXED });
    const config = join(ws.dir, 'config.json');
    writeFileSync(config, JSON.stringify({
      sigma: { paths: ['rules'] },
      rules: { 'sigma:3c1f0e7a-8d2b-4e5f-9a6b-7c8d9e0f1a2b': { severity: 'critical' }, 'sigma:7b7b7b7b-8c8c-4d9d-8eae-9f9f9f9f9f9f': { enabled: false } },
    }));

    // Act
    const { out } = await run(['scan', ws.logs, '--config', config, '--format', 'json']);

    // Assess
    const lines = out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.category === 'sigma');
    expect(lines.map((l) => [l.eventId, l.severity])).toEqual([[stop.eventID, 'critical']]);
  });

  it('applies allow-lists to Sigma findings', async () => {
    // Prepare
    const ws = workspace({ 'stop.yml': STOP_LOGGING });
    const config = join(ws.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ allow: { principals: [{ pattern: 'dev-alice', reason: 'trail admin' }] } }));

    // Act
    const { out } = await run(['scan', ws.logs, '--config', config, '--sigma', ws.rulesDir, '--format', 'json']);

    // Assess
    const lines = out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.category === 'sigma');
    expect(lines).toHaveLength(1);
    expect(lines[0].suppressed.reason).toContain('trail admin');
  });

  it('rejects a config switch for a Sigma id that no rule has', async () => {
    // Prepare
    const ws = workspace({ 'stop.yml': STOP_LOGGING });
    const config = join(ws.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ sigma: { paths: ['rules'] }, rules: { 'sigma:nope': { enabled: false } } }));

    // Act
    const { code, err } = await run(['scan', ws.logs, '--config', config]);

    // Assess
    expect(code).toBe(EXIT.config);
    expect(err).toContain('rules.sigma:nope');
  });
});

describe('sigma check', () => {
  it('lists each rule with its log source and index, and exits 0', async () => {
    // Prepare
    const ws = workspace({ 'stop.yml': STOP_LOGGING, 'scanner.yml': UNINDEXED, 'windows.yml': WINDOWS, 'nested/yandex.yml': YANDEX_PUBLIC });

    // Act
    const { code, out, err } = await run(['sigma', 'check', ws.rulesDir]);

    // Assess
    expect(code).toBe(EXIT.clean);
    expect(out).toMatch(/stop\.yml .*aws\/cloudtrail \(aws\)\s+indexed by action: stoplogging, deletetrail/);
    expect(out).toMatch(/scanner\.yml .*not indexed: runs on every parsed record/);
    expect(out).toMatch(/windows\.yml .*windows\/-\/process_creation\s+not for these logs/);
    expect(out).toMatch(/yandex\.yml .*yandex_cloud\/audit_trails \(yandex\)/);
    expect(err).toContain('4 files: 3 rules for these logs (1 not indexed), 0 correlations, 1 for other logs, 0 refused');
  });

  it('names each refusal with its reason and exits 78', async () => {
    // Prepare
    const ws = workspace({ 'old-count.yml': COUNT, 'broken.yml': 'title: [unclosed' });

    // Act
    const { code, out } = await run(['sigma', 'check', ws.rulesDir]);

    // Assess
    expect(code).toBe(EXIT.config);
    expect(out).toMatch(/REFUSED .*old-count\.yml.*count\(\) expression is deprecated/);
    expect(out).toMatch(/REFUSED .*broken\.yml.*YAML/);
  });
});
