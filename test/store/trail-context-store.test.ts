import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { configSchema } from '../../shared/config/schema.js';
import { createFileReader } from '../../shared/io/file-reader.js';
import { silentLogger } from '../../shared/log.js';
import { createEngine } from '../../shared/rules/engine.js';
import { respond } from '../../shared/pipeline/respond.js';
import { allRules } from '../../shared/rules/index.js';
import { TrailRegistry } from '../../shared/rules/lib/trail-context.js';
import { dynamoLedger } from '../../shared/store/dynamodb-ledger.js';
import { memoryLedger } from '../../shared/store/ledger.js';
import { syncTrailContext } from '../../shared/store/trail-context-store.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let db: TestDynamo;
beforeAll(async () => {
  db = await startDynamo();
});
afterAll(async () => {
  await db?.stop();
});

const createTrail = cloudTrailRecord({
  eventSource: 'cloudtrail.amazonaws.com',
  eventName: 'CreateTrail',
  requestParameters: { name: 'org-main', s3BucketName: 'acme-org-logs', s3KeyPrefix: 'main', isMultiRegionTrail: true },
  responseElements: { name: 'org-main', s3BucketName: 'acme-org-logs', trailARN: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main' },
});
const lifecycle = cloudTrailRecord({
  eventSource: 's3.amazonaws.com',
  eventName: 'PutBucketLifecycle',
  requestParameters: { bucketName: 'acme-org-logs', LifecycleConfiguration: { Rule: { ID: 'wipe', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 1 } } } },
});

describe('trail context in the ledger', () => {
  it('gives a second invocation what the first learned, through DynamoDB', async () => {
    // Prepare
    const first = new TrailRegistry();
    const second = new TrailRegistry();
    const ledger = () => dynamoLedger({ table: db.table, client: db.client });
    first.add({ cloud: 'aws', name: 'org-main', bucket: 'acme-org-logs', prefix: 'main' });

    // Act
    await syncTrailContext(ledger(), new TrailRegistry(), silentLogger);
    await syncTrailContext(ledger(), first, silentLogger);
    first.add({ cloud: 'aws', name: 'org-main', kmsKeyId: 'alias/trail' });
    await syncTrailContext(ledger(), first, silentLogger);
    await syncTrailContext(ledger(), second, silentLogger);

    // Assess
    expect(second.byBucket('acme-org-logs')).toEqual([{ cloud: 'aws', name: 'org-main', bucket: 'acme-org-logs', prefix: 'main', kmsKeyId: 'alias/trail' }]);
    expect(second.byKmsKey('alias/trail').map((t) => t.name)).toEqual(['org-main']);
  });

  it('does not write the trails of config', async () => {
    // Prepare
    const ledger = memoryLedger();
    const registry = new TrailRegistry([{ cloud: 'aws', name: 'from-config', bucket: 'b' }]);

    // Act
    await syncTrailContext(ledger, registry, silentLogger);

    // Assess
    expect(await ledger.has('trail-context:0')).toBe(false);
  });

  it('recognises a lifecycle rule on a trail bucket learned in an earlier invocation', async () => {
    // Prepare: two log objects, each handled by its own engine (two cold starts), one ledger.
    const dir = mkdtempSync(join(tmpdir(), 'ar-trailctx-'));
    const write = (name: string, record: unknown) => {
      const path = join(dir, `111122223333_CloudTrail_eu-west-1_20261001T1200Z_${name}.json.gz`);
      writeFileSync(path, gzipSync(JSON.stringify({ Records: [record] })));
      return { bucket: '', key: path };
    };
    const ledger = memoryLedger();
    const deps = () => ({ reader: createFileReader(1e8), engine: createEngine(allRules, configSchema.parse({})), maxObjectBytes: 1e8, notifiers: [], logger: silentLogger, ledger });

    // Act
    await respond([write('a', createTrail)], deps());
    const report = await respond([write('b', lifecycle)], deps());

    // Assess
    expect(report.findings.map((f) => [f.ruleId, f.evidence.summary])).toEqual([
      ['aws-s3-trail-bucket-lifecycle-short', 'acme-org-logs: rule wipe expires all objects after 1 day(s) (retention 30 days; destination of trail org-main)'],
    ]);
  });
});
