import { mkdtempSync, writeFileSync } from 'node:fs';
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

const openSsh = cloudTrailRecord({
  eventSource: 'ec2.amazonaws.com',
  eventName: 'AuthorizeSecurityGroupIngress',
  userAgent: 'evil\u001b[31mred\u202eoverride',
  requestParameters: { groupId: 'sg-0fedcba987654321', ipPermissions: { items: [{ ipProtocol: '-1', ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } },
});
const bucketPublic = yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-public', objects_access: 'true', list_access: 'false', settings_read_access: 'false' });

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ar-scan-'));
  writeFileSync(join(dir, 'trail.json.gz'), gzipSync(JSON.stringify({ Records: [openSsh, cloudTrailRecord()] })));
  writeFileSync(join(dir, 'yandex.json'), JSON.stringify([bucketPublic]));
  writeFileSync(join(dir, 'notes.txt'), 'not a log, not scanned');
  return dir;
}

describe('audit-responder scan', () => {
  it('prints one JSON finding per line with the documented fields and exits 1', async () => {
    // Act
    const { code, out, err } = await run(['scan', folder(), '--format', 'json']);

    // Assess
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(code).toBe(EXIT.findings);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['ruleId', 'category', 'severity', 'cloud', 'eventId', 'eventTime', 'actor', 'resource', 'title', 'evidence', 'remediation']));
    }
    expect(lines.map((l) => [l.category, l.eventId])).toEqual(expect.arrayContaining([['sg-open', openSsh.eventID], ['public-bucket', bucketPublic.event_id]]));
    expect(err).toContain('scanned 2 files, 3 records: 2 findings');
  });

  it('writes readable text without terminal escapes from the log', async () => {
    const { code, out } = await run(['scan', folder()]);
    expect(code).toBe(EXIT.findings);
    expect(out).toMatch(/^CRITICAL\s+sg-open\s+sg-0fedcba987654321\s+all traffic from 0\.0\.0\.0\/0/m);
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u202e');
  });

  it('with --notify prints the alerts an on-call person would get', async () => {
    const { out } = await run(['scan', folder(), '--notify']);
    expect(out).toContain('CRITICAL · sg-open · Security group opened to the internet');
    expect(out).toMatch(/Who\s+dev-alice \(IAMUser\) arn:aws:iam::111122223333:user\/dev-alice/);
    expect(out).toMatch(/Response\s+⏸ not applied: not switched on for this rule \(rules\.aws-ec2-sg-ingress-open\.remediate\) — fix: revoke all traffic from 0\.0\.0\.0\/0 on sg-0fedcba987654321/);
  });

  it('reports bad files on stderr with the reason, scans the rest and exits 2', async () => {
    // Prepare
    const dir = folder();
    writeFileSync(join(dir, 'truncated.json.gz'), gzipSync(JSON.stringify({ Records: [openSsh] })).subarray(0, 30));
    writeFileSync(join(dir, 'wrong.json'), '{"hello":"world"}');
    writeFileSync(join(dir, 'partial.json'), JSON.stringify({ Records: [{ eventName: 'X' }, openSsh] }));

    // Act
    const { code, out, err } = await run(['scan', dir, join(dir, 'missing.json'), '--format', 'json']);

    // Assess
    expect(code).toBe(EXIT.inputErrors);
    // partial.json repeats the SSH event of trail.json.gz: the same event alerts once.
    expect(out.trim().split('\n')).toHaveLength(2);
    expect(err).toContain(`${join(dir, 'truncated.json.gz')}: invalid gzip data`);
    expect(err).toContain(`${join(dir, 'wrong.json')}: not an audit log`);
    expect(err).toContain(`${join(dir, 'partial.json')} record #0: eventID`);
    expect(err).toContain(`${join(dir, 'missing.json')}: no such file or directory`);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('suppresses allow-listed findings with the reason and does not count them', async () => {
    // Prepare
    const env = { AUDIT_RESPONDER_CONFIG_JSON: JSON.stringify({ allow: { resources: [{ pattern: 'acme-*', reason: 'public website' }] } }) };

    // Act
    const { out, err } = await run(['scan', folder(), '--format', 'json'], env);

    // Assess
    const suppressed = out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.suppressed);
    expect(suppressed).toEqual([expect.objectContaining({ resource: expect.objectContaining({ id: 'acme-public' }), suppressed: { reason: 'resource matches allow-list entry "acme-*": public website' } })]);
    expect(err).toContain('1 finding, 1 suppressed by allow-list');
  });

  it.each([
    { args: [], code: EXIT.usage },
    { args: ['scan'], code: EXIT.usage },
    { args: ['scan', '.', '--format', 'xml'], code: EXIT.usage },
    { args: ['scan', '.', '--bogus'], code: EXIT.usage },
  ])('exits $code on usage error $args', async ({ args, code }) => {
    expect((await run(args)).code).toBe(code);
  });

  it('exits 78 on a bad config, naming the key', async () => {
    const { code, err } = await run(['scan', folder()], { AUDIT_RESPONDER_CONFIG_JSON: '{"rules":{"nope":{}}}' });
    expect(code).toBe(EXIT.config);
    expect(err).toContain('rules.nope: unknown rule id');
  });

  it('exits 0 on a clean folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ar-clean-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ Records: [cloudTrailRecord()] }));
    expect((await run(['scan', dir])).code).toBe(EXIT.clean);
  });
});

describe('audit-responder scan --notify', () => {
  it('sends the findings of a local scan through a configured bot, exactly as the function would', async () => {
    // Prepare
    const { startFakeTelegram } = await import('../helpers/telegram-server.js');
    const token = '123456789:AAH-example_token_for_tests_0123456789';
    const bot = await startFakeTelegram(token);
    const env = { TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_IDS: '-1001234567890', TELEGRAM_API_ROOT: bot.apiRoot };

    // Act
    const { code, out } = await run(['scan', folder(), '--notify'], env);
    await bot.stop();

    // Assess
    expect(code).toBe(EXIT.findings);
    expect(out).toBe('');
    expect(bot.delivered()).toHaveLength(1);
    expect(String(bot.delivered()[0]?.params.text)).toContain('2 dangerous changes');
  });
});
