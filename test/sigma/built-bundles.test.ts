/**
 * Sigma rules in the BUILT bundles, code split as they deploy and install:
 * the aws-s3 function with `sigma.paths` in its config file alerts on a
 * matching record, and `audit-responder scan --sigma` reports it. The YAML
 * parser is CommonJS; a dynamic import of it in a split bundle gave only
 * `default`, so rule loading failed there while the source passed every test.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';
import { type TestSmtp, startSmtp } from '../helpers/smtp-server.js';
import { startFakeTelegram } from '../helpers/telegram-server.js';
import { s3Notification } from '../helpers/triggers.js';
import { type BuiltHandlers, baseEnv, buildHandlers, invokeBuilt, runCli } from '../faults/helpers/invoke.js';
import { BUCKET, PREFIX, TOKEN, deliveredTo, functionEnv } from '../faults/helpers/scenario.js';

const RULE = [
  'title: CloudTrail logging stopped',
  'id: 0b7c8e4a-3f2d-4c1b-9a6e-5d4c3b2a1f00',
  'author: Built Bundle Test',
  'level: high',
  'logsource: {product: aws, service: cloudtrail}',
  'detection:',
  '  stop:',
  '    eventSource: cloudtrail.amazonaws.com',
  '    eventName: StopLogging',
  '  condition: stop',
  '',
].join('\n');

const stopLogging = () =>
  cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 'built-bundle-trail' } });

let built: BuiltHandlers;
let s3: TestS3;
let smtp: TestSmtp;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ar-sigma-built-'));
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'rules', 'stop-logging.yml'), RULE);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ sigma: { paths: ['rules'] } }));
  writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: [stopLogging()] }));
  [built, s3, smtp] = await Promise.all([buildHandlers(), startS3([BUCKET]), startSmtp('alerts', 'pw')]);
}, 60_000);
afterAll(async () => {
  await Promise.all([s3?.stop(), smtp?.stop()]);
});

describe('Sigma rules in the built bundles', () => {
  it('the aws-s3 function loads the rules of its config file and alerts on a match', async () => {
    // Prepare
    const bot = await startFakeTelegram(TOKEN);
    const key = `${PREFIX}sigma-built.json.gz`;
    await s3.put(BUCKET, key, gzipSync(JSON.stringify({ Records: [stopLogging()] })));

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key]),
      env: functionEnv({ s3Url: s3.endpoint, bot, smtp }, { AUDIT_RESPONDER_CONFIG: join(dir, 'config.json') }),
      deadlineMs: 9_000,
    });

    // Assess
    expect(run.outcome, `${run.error?.message ?? ''}\n${run.output}`).toBe('returned');
    expect(deliveredTo(bot, '111', 'CloudTrail logging stopped')).toBe(1);
    expect(deliveredTo(bot, '111', 'Built Bundle Test')).toBe(1);
    await bot.stop();
  }, 30_000);

  it('audit-responder scan --sigma reports the match', async () => {
    // Act
    const run = await runCli(built, ['scan', join(dir, 'trail.json'), '--sigma', join(dir, 'rules'), '--format', 'json'], baseEnv(), 20_000);

    // Assess
    expect(run.stderr).not.toContain('internal error');
    expect(run.code, run.stderr).toBe(1);
    const findings = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { ruleId: string; sigma?: { author: string } });
    expect(findings.map((f) => [f.ruleId, f.sigma?.author])).toContainEqual(['sigma:0b7c8e4a-3f2d-4c1b-9a6e-5d4c3b2a1f00', 'Built Bundle Test']);
  }, 30_000);
});
