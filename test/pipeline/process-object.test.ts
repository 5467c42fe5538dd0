import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import { ObjectReadError } from '../../shared/errors.js';
import { formatSize } from '../../shared/formats/bytes.js';
import type { ObjectReader } from '../../shared/io/object-ref.js';
import { createEngine } from '../../shared/rules/engine.js';
import { processObject } from '../../shared/pipeline/process-object.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { sgRecord } from '../helpers/records.js';

const engine = createEngine(allRules, loadConfig({ env: {}, ruleIds }));
const ref = { bucket: 'logs', key: 'AWSLogs/1/CloudTrail/x.json.gz' };

/** A reader handing over the given chunks, then (optionally) failing. */
function reader(chunks: readonly Uint8Array[], fail?: () => Error): ObjectReader {
  return {
    async open() {
      return (async function* () {
        for (const chunk of chunks) {
          yield chunk;
          // Let the bytes flow through gunzip before the next event.
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        if (fail) throw fail();
      })();
    },
  };
}

describe('processObject', () => {
  it('evaluates the records and reports findings and rejected records together', async () => {
    const body = gzipSync(JSON.stringify({ Records: [sgRecord(), cloudTrailRecord(), { eventID: 'x' }] }));
    const report = await processObject(ref, { reader: reader([body]), engine, maxObjectBytes: 1e8 });
    expect(report).toMatchObject({ records: 3, evaluated: 1 });
    expect(report.failure).toBeUndefined();
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.errors).toEqual(['s3://logs/AWSLogs/1/CloudTrail/x.json.gz record #2: eventName: Required (+1 more)']);
  });

  it.each([
    { name: 'a NUL flood', body: gzipSync(Buffer.alloc(1 << 20)), reason: 'not JSON: does not start with { or [' },
    { name: 'a whitespace bomb', body: gzipSync(Buffer.alloc(4 << 20, 0x20)), reason: 'more than 1 MiB before the records array' },
    { name: 'not gzip after the magic bytes', body: Buffer.from([0x1f, 0x8b, 0, 1, 2, 3]), reason: 'invalid gzip data' },
    { name: 'an object over the size cap', body: gzipSync(JSON.stringify({ Records: Array.from({ length: 100 }, () => sgRecord()) })), reason: 'object too large', maxObjectBytes: 100 },
  ])('classifies $name as permanent, with a clear reason', async ({ body, reason, maxObjectBytes }) => {
    const report = await processObject(ref, { reader: reader([body]), engine, maxObjectBytes: maxObjectBytes ?? 1e8 });
    expect(report.failure?.transient).toBe(false);
    expect(report.failure?.reason).toContain(reason);
    expect(report.failure?.reason).not.toMatch(/Invalid string length/);
  });

  it('rejects a record over maxRecordBytes alone and reports the others', async () => {
    const big = { ...sgRecord(), requestParameters: { pad: 'y'.repeat(200_000) } };
    const body = gzipSync(JSON.stringify({ Records: [sgRecord(), big, sgRecord()] }));
    const report = await processObject(ref, { reader: reader([body]), engine, maxObjectBytes: 1e8, maxRecordBytes: 100_000 });
    expect(report.records).toBe(3);
    expect(report.evaluated).toBe(2);
    const size = formatSize(JSON.stringify(big).length);
    expect(report.errors).toEqual([`s3://logs/AWSLogs/1/CloudTrail/x.json.gz record #1: ${size}, over maxRecordBytes (100 kB)`]);
  });

  it('stops at an aborted signal: transient, with the findings read so far', async () => {
    // Prepare: the deadline passes after the first part of the object
    const body = gzipSync(JSON.stringify({ Records: Array.from({ length: 300 }, () => sgRecord()) }));
    const controller = new AbortController();
    const parts = [body.subarray(0, body.length >> 1), body.subarray(body.length >> 1)];
    const slow: ObjectReader = {
      async open() {
        return (async function* () {
          yield parts[0] as Buffer;
          await new Promise((resolve) => setTimeout(resolve, 10));
          controller.abort(new Error('read deadline reached'));
          yield parts[1] as Buffer;
        })();
      },
    };

    // Act
    const report = await processObject(ref, { reader: slow, engine, maxObjectBytes: 1e8, signal: controller.signal });

    // Assess
    expect(report.failure).toMatchObject({ transient: true });
    expect(report.failure?.reason).toContain('read deadline reached');
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it.each([
    { name: 'a network error', fail: () => new Error('read ECONNRESET'), transient: true },
    { name: 'a retryable read error', fail: () => new ObjectReadError('logs', ref.key, 'stream stalled', true), transient: true },
    { name: 'a permanent read error', fail: () => new ObjectReadError('logs', ref.key, 'access denied', false), transient: false },
  ])('keeps the findings read before $name and classifies it', async ({ fail, transient }) => {
    // Prepare: the object breaks after its first part
    const body = gzipSync(JSON.stringify({ Records: Array.from({ length: 300 }, () => sgRecord()) }));
    const first = body.subarray(0, Math.floor(body.length / 2));

    // Act
    const report = await processObject(ref, { reader: reader([first], fail), engine, maxObjectBytes: 1e8 });

    // Assess
    expect(report.failure?.transient).toBe(transient);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.evaluated).toBeLessThan(300);
  });
});
