import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as createHeartbeatHandler } from '../../functions/aws-heartbeat.js';
import { createHandler as createS3Handler } from '../../functions/aws-s3.js';
import { configSchema } from '../../shared/config/schema.js';
import { s3NewestObject } from '../../shared/heartbeat/newest-object.js';
import { runHeartbeat } from '../../shared/heartbeat/run.js';
import { createS3Reader } from '../../shared/io/s3-reader.js';
import { silentLogger } from '../../shared/log.js';
import type { Notifier } from '../../shared/notifiers/notifier.js';
import { createRuntime } from '../../shared/runtime.js';
import { dynamoLedger } from '../../shared/store/dynamodb-ledger.js';
import type { Finding } from '../../shared/types.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';
import { S3_CREDENTIALS, type TestS3, startS3 } from '../helpers/s3-server.js';
import { s3Notification } from '../helpers/triggers.js';

const PREFIX = 'trail/AWSLogs/111122223333/CloudTrail/';
const KEY = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T1200Z_a1.json.gz';
let db: TestDynamo;
let s3: TestS3;
beforeAll(async () => {
  db = await startDynamo();
  s3 = await startS3(['trail']);
  await s3.put('trail', KEY, gzipSync(JSON.stringify({ Records: [cloudTrailRecord()] })));
});
afterAll(async () => {
  await db?.stop();
  await s3?.stop();
});

/** A runtime with the silence alarm on, a recording notifier, and the servers above. */
function runtime(heartbeat: unknown = { prefixes: [PREFIX] }, failing = false) {
  const sent: Finding[] = [];
  const notifier: Notifier = {
    name: 'recorder',
    send: async (findings) => {
      if (failing) throw new Error('chat unreachable');
      sent.push(...findings);
      return { sent: findings.length, alreadySent: 0 };
    },
  };
  const rt = createRuntime({
    cloud: 'aws',
    env: {},
    config: configSchema.parse(heartbeat ? { heartbeat } : {}),
    reader: createS3Reader({ endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1', maxObjectBytes: 1e8, client: { credentials: S3_CREDENTIALS } }),
    ledger: dynamoLedger({ table: db.table, client: db.client }),
    notifiers: [notifier],
    logger: silentLogger,
  });
  return { rt, sent };
}

describe('silence alarm end to end', () => {
  it('stays quiet right after the object handler saw a log object', async () => {
    // Prepare
    const { rt, sent } = runtime();
    await createS3Handler(() => rt)(s3Notification('trail', [KEY]));

    // Act
    const report = await createHeartbeatHandler(() => rt)({ source: 'aws.events', 'detail-type': 'Scheduled Event' });

    // Assess
    expect(report).toEqual({ checked: 1, alerts: 0, errors: [] });
    expect(sent).toEqual([]);
  });

  it('alerts once, with the last arrival, when no object came for too long', async () => {
    // Prepare
    const { rt, sent } = runtime({ prefixes: ['trail/AWSLogs/'], maxSilenceMinutes: 30 });
    const later = Date.now() + 24 * 60 * 60_000;

    // Act
    await runHeartbeat(rt, 'aws', s3NewestObject(s3.client), later);
    await runHeartbeat(rt, 'aws', s3NewestObject(s3.client), later + 15 * 60_000);

    // Assess
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ ruleId: 'heartbeat-logs-silent', category: 'audit-tampering', severity: 'high', title: 'Audit logs went silent', resource: { type: 'log-prefix', id: 'trail/AWSLogs/' } });
    expect(sent[0]?.evidence.summary).toMatch(/^no new log object under trail\/AWSLogs\/ for 30 minutes; last object arrived \d{4}-/);
  });

  it('undoes the transition when notifying fails, so the next run alerts again', async () => {
    // Prepare
    const failing = runtime({ prefixes: ['trail/AWSLogs/111122223333/'], maxSilenceMinutes: 30 }, true);
    const later = Date.now() + 24 * 60 * 60_000;

    // Act
    const error = await runHeartbeat(failing.rt, 'aws', undefined, later).catch((e: unknown) => e);
    const healthy = runtime({ prefixes: ['trail/AWSLogs/111122223333/'], maxSilenceMinutes: 30 });
    await runHeartbeat(healthy.rt, 'aws', undefined, later);

    // Assess
    expect(error).toMatchObject({ name: 'NotifyError', transient: true });
    expect(healthy.sent.map((f) => f.ruleId)).toEqual(['heartbeat-logs-silent']);
  });

  it('does nothing without a heartbeat block', async () => {
    // Prepare
    const { rt, sent } = runtime(null);

    // Act
    const report = await runHeartbeat(rt, 'aws');

    // Assess
    expect(report).toEqual({ checked: 0, alerts: 0, errors: [] });
    expect(sent).toEqual([]);
  });
});
