import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Reader } from '../../shared/io/s3-reader.js';
import { ReadInterruptedError } from '../../shared/io/read-interrupted.js';
import { loadConfig } from '../../shared/config/load.js';
import { createEngine } from '../../shared/rules/engine.js';
import { processObject } from '../../shared/pipeline/process-object.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import { type FaultProxy, startFaultProxy } from '../faults/helpers/fault-proxy.js';
import { sgRecord } from '../helpers/records.js';
import { S3_CREDENTIALS, type TestS3, startS3 } from '../helpers/s3-server.js';

const KEY = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T1205Z_stall.json';
const FILLER = 'x'.repeat(2_000);
let s3: TestS3;
let proxy: FaultProxy;

beforeAll(async () => {
  s3 = await startS3(['trail']);
  // The first record and its finding fit in the first 16 KiB; 200 more follow.
  const records = [sgRecord('sg-0000000000000first'), ...Array.from({ length: 200 }, (_, i) => ({ ...sgRecord(`sg-${String(i).padStart(17, '0')}`), filler: FILLER }))];
  await s3.put('trail', KEY, JSON.stringify({ Records: records }));
  proxy = await startFaultProxy(s3.endpoint);
});
afterAll(async () => {
  await proxy?.stop();
  await s3?.stop();
});

const reader = (timeouts = {}) =>
  createS3Reader({ endpoint: proxy.url, region: 'us-east-1', forcePathStyle: true, maxObjectBytes: 1e8, client: { credentials: S3_CREDENTIALS, maxAttempts: 1 }, timeouts });

describe('createS3Reader deadlines', () => {
  it('ends a stalled body cleanly and says why; the records read so far are evaluated and the object is transient', async () => {
    // Prepare
    await proxy.set({ kind: 'stall', afterBytes: 16_384 });
    const config = loadConfig({ env: {}, ruleIds });

    // Act
    const report = await processObject({ bucket: 'trail', key: KEY }, { reader: reader({ stallMs: 300 }), engine: createEngine(allRules, config), maxObjectBytes: 1e8 });

    // Assess
    expect(report.findings.map((f) => f.resource.id)).toContain('sg-0000000000000first');
    expect(report.findings.length).toBeLessThan(201);
    expect(report.failure?.transient).toBe(true);
    expect(report.failure?.reason).toMatch(/no data from storage for 300 ms after \d+ bytes/);
  });

  it('stops a read that has not answered when the caller\'s time is up', async () => {
    // Prepare
    await proxy.set({ kind: 'stall', afterBytes: 0 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('object share spent')), 200);

    // Act
    const error = await reader().open({ bucket: 'trail', key: KEY }, { signal: controller.signal }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ReadInterruptedError);
    expect((error as ReadInterruptedError).transient).toBe(true);
    expect((error as Error).message).toContain('object share spent');
  });

  it('reads the whole object when nothing is wrong', async () => {
    // Prepare
    await proxy.set({ kind: 'pass' });

    // Act
    const stream = await reader().open({ bucket: 'trail', key: KEY });
    let size = 0;
    for await (const chunk of stream) size += chunk.length;

    // Assess
    expect(size).toBeGreaterThan(400_000);
    expect(stream.interrupted?.()).toBeUndefined();
  });
});
