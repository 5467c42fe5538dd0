/**
 * Enforce mode in the BUILT aws-s3 function (code split as it deploys: the
 * EC2 and STS clients are chunks loaded on first use), against the local AWS
 * recorder and a real ledger (dynalite): the security group opened to the
 * world is revoked once, and the alert says so.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, ec2Ok, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';
import { sgRecord } from '../helpers/records.js';
import { type TestS3, startS3 } from '../helpers/s3-server.js';
import { type TestSmtp, startSmtp } from '../helpers/smtp-server.js';
import { startFakeTelegram } from '../helpers/telegram-server.js';
import { s3Notification } from '../helpers/triggers.js';
import { type BuiltHandlers, buildHandlers, invokeBuilt } from '../faults/helpers/invoke.js';
import { BUCKET, PREFIX, TOKEN, functionEnv } from '../faults/helpers/scenario.js';

const OWN = '111122223333';
const GROUP = 'sg-0b1d1e5f00d000001';
const STS_OK = queryOk(`<Arn>arn:aws:sts::${OWN}:assumed-role/audit-responder-prod-eu-west-1-lambdaRole/fn</Arn><UserId>AROAEXAMPLE:fn</UserId><Account>${OWN}</Account>`);
const REVOKED = '<return>true</return><revokedSecurityGroupRuleSet><item><securityGroupRuleId>sgr-0b1d</securityGroupRuleId></item></revokedSecurityGroupRuleSet>';

let built: BuiltHandlers;
let s3: TestS3;
let smtp: TestSmtp;
let aws: FakeAws;
let db: TestDynamo;

beforeAll(async () => {
  [built, s3, smtp, aws, db] = await Promise.all([buildHandlers(), startS3([BUCKET]), startSmtp('alerts', 'pw'), startFakeAws(), startDynamo()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([s3?.stop(), smtp?.stop(), aws?.stop(), db?.stop()]);
});

describe('enforce mode in the built aws-s3 function', () => {
  it('revokes the world-open rule through the bundled EC2 client and reports it in the alert', async () => {
    // Prepare
    const bot = await startFakeTelegram(TOKEN);
    aws.on('GetCallerIdentity', STS_OK);
    aws.on('RevokeSecurityGroupIngress', ec2Ok(REVOKED));
    const key = `${PREFIX}built-enforce.json.gz`;
    await s3.put(BUCKET, key, gzipSync(JSON.stringify({ Records: [sgRecord(GROUP)] })));
    const config = { rules: { 'aws-ec2-sg-ingress-open': { remediate: true } }, remediation: { mode: 'enforce', accountId: OWN } };

    // Act
    const run = await invokeBuilt(built, {
      handler: 'aws-s3',
      event: s3Notification(BUCKET, [key]),
      env: functionEnv(
        { s3Url: s3.endpoint, bot, smtp },
        { AUDIT_RESPONDER_CONFIG_JSON: JSON.stringify(config), AWS_ENDPOINT_URL: aws.endpoint, LEDGER_TABLE: db.table, LEDGER_ENDPOINT: db.endpoint },
      ),
      deadlineMs: 15_000,
    });

    // Assess
    expect(run.outcome, `${run.error?.message ?? ''}\n${run.output}`).toBe('returned');
    expect(aws.calls.filter((c) => c.action === 'RevokeSecurityGroupIngress').map((c) => c.params.GroupId)).toEqual([GROUP]);
    const texts = bot.delivered().map((c) => String(c.params.text));
    expect(texts.some((t) => t.includes(GROUP) && t.includes('revoked'))).toBe(true);
    await bot.stop();
  }, 30_000);
});
