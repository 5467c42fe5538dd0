/**
 * Property-based tests of the parsers and rules: whatever bytes or shapes a
 * log holds, parsing either works or fails with a FormatError naming the
 * object; rules never throw and never fire on calls that failed.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../shared/errors.js';
import { parseLogObject, parseLogStream } from '../../shared/formats/index.js';
import { isWholeInternet } from '../../shared/rules/lib/cidr.js';
import { allRules } from '../../shared/rules/index.js';
import { CATEGORIES, SEVERITIES } from '../../shared/types.js';
import { cloudTrailRecord, toEvent } from '../helpers/cloudtrail.js';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';
import { toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const KEY = 'bucket/fuzz.json.gz';
const options = { maxBytes: 1e7, wants: (a: string) => a.startsWith('Authorize') || a.includes('Security') };

/** Documents of every kind: random bytes, JSON of any shape, logs cut anywhere, gzip or not. */
const documents = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.array(fc.jsonValue(), { maxLength: 5 }).map((records) => Buffer.from(JSON.stringify({ Records: records }))),
  fc.tuple(fc.array(fc.constantFrom(sgRecord(), cloudTrailRecord(), bucketFindingRecord()), { maxLength: 4 }), fc.nat()).map(([records, cut]) => {
    const text = JSON.stringify({ Records: records });
    return Buffer.from(text.slice(0, cut % (text.length + 1)));
  }),
  fc.array(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v) ?? ''), fc.string()), { maxLength: 5 }).map((lines) => Buffer.from(lines.join('\n'))),
).chain((bytes) => fc.tuple(fc.constant(bytes), fc.boolean(), fc.nat({ max: 1000 })))
  .map(([bytes, gz, cut]) => {
    if (!gz) return bytes;
    const zipped = gzipSync(bytes);
    return cut % 3 === 0 ? zipped.subarray(0, cut % zipped.length) : zipped;
  });

function chunked(bytes: Uint8Array, size: number) {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return Readable.from(out);
}

describe('parsers under arbitrary input', () => {
  it('parse or fail with a FormatError naming the object, in memory and streamed (1 000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(documents, fc.integer({ min: 1, max: 64 }), async (bytes, size) => {
        for (const run of [async () => parseLogObject(bytes, KEY, options), () => parseLogStream(chunked(bytes, size), KEY, options)]) {
          try {
            const parsed = await run();
            expect(parsed.total).toBeGreaterThanOrEqual(parsed.events.length);
            for (const e of parsed.errors) expect(e.message.startsWith(KEY)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(FormatError);
            expect((error as Error).message.startsWith(KEY)).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('stream and memory agree on valid logs, wherever the chunks are cut (300 runs)', async () => {
    const record = fc.record({ userAgent: fc.string({ unit: 'binary', maxLength: 40 }), eventName: fc.constantFrom('AuthorizeSecurityGroupIngress', 'ListUsers', 'PutBucketAcl') });
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 8 }), fc.integer({ min: 1, max: 97 }), fc.boolean(), async (fields, size, gz) => {
        const records = fields.map((f) => ({ ...sgRecord(), ...f }));
        const bytes = Buffer.from(JSON.stringify({ Records: records }));
        const body = gz ? gzipSync(bytes) : bytes;
        const memory = parseLogObject(body, KEY, options);
        const streamed = await parseLogStream(chunked(body, size), KEY, options);
        expect(streamed.events.map((e) => e.id)).toEqual(memory.events.map((e) => e.id));
        expect(streamed.total).toBe(records.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rules under arbitrary request shapes', () => {
  const hostileJson = fc.jsonValue({ maxDepth: 4 }).map((v) => ({ __proto__: v, constructor: v, toString: v, value: v }));
  it('never throw, and return well-formed findings (every rule × 300 runs)', () => {
    for (const rule of allRules) {
      fc.assert(
        fc.property(fc.constantFrom(...rule.actions), fc.dictionary(fc.string({ maxLength: 30 }), fc.oneof(fc.jsonValue({ maxDepth: 4 }), hostileJson)), (action, request) => {
          const event =
            rule.cloud === 'aws'
              ? toEvent(cloudTrailRecord({ eventName: action, eventSource: `${rule.id.split('-')[1]}.amazonaws.com`, requestParameters: request, responseElements: request }))
              : toYandexEvent({ ...yandexEvent('x', 'y', request), event_type: action });
          for (const f of rule.match(event, { ownAccounts: new Set() })) {
            expect(f.category).toBe(rule.category);
            expect(CATEGORIES).toContain(f.category);
            expect(SEVERITIES).toContain(f.severity);
            expect(f.dedupKey.startsWith(`${rule.id}:`)).toBe(true);
            expect(typeof f.evidence.summary).toBe('string');
          }
        }),
        { numRuns: 300 },
      );
    }
  });

  it('never fire on failed, denied or unfinished calls', () => {
    const dangerous = [sgRecord(), bucketFindingRecord()];
    fc.assert(
      fc.property(fc.constantFrom(...dangerous), fc.constantFrom('AccessDenied', 'UnauthorizedOperation', 'Client.RequestLimitExceeded'), (record, errorCode) => {
        const event = toEvent({ ...record, errorCode });
        for (const rule of allRules) expect(rule.match(event, { ownAccounts: new Set() })).toEqual([]);
      }),
      { numRuns: 100 },
    );
    const sg = yandexEvent('network', 'UpdateSecurityGroup', { security_group_id: 'enp1', rules: [{ id: 'r', direction: 'INGRESS', cidr_blocks: { v4_cidr_blocks: ['0.0.0.0/0'] } }] });
    for (const status of ['ERROR', 'STARTED', 'CANCELLED', 'RUNNING']) {
      const event = toYandexEvent({ ...sg, event_status: status });
      for (const rule of allRules) expect(rule.match(event, { ownAccounts: new Set() })).toEqual([]);
    }
  });
});

describe('CIDR parsing', () => {
  it('is the whole internet exactly when the prefix is 0 (2 000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })), fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 }))), ([address, prefix]) => {
        expect(isWholeInternet(`${address}/${prefix}`)).toBe(prefix === 0);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string(), (text) => void isWholeInternet(text)), { numRuns: 1000 });
  });
});

describe('regressions found by fuzzing', () => {
  it('matches a policy action of many wildcards in linear time (was exponential)', () => {
    const rule = allRules.find((r) => r.id === 'aws-iam-inline-policy-admin');
    if (!rule) throw new Error('rule missing');
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: `${'*'.repeat(40)}z`, Resource: '*' }] });
    const event = toEvent(cloudTrailRecord({ eventName: 'PutUserPolicy', requestParameters: { userName: 'bob', policyName: 'p', policyDocument: policy } }));
    expect(Array.isArray(rule.match(event, { ownAccounts: new Set() }))).toBe(true);
  });

  it('builds console links for names with lone surrogates (was a URIError)', () => {
    const event = toEvent({ ...bucketFindingRecord('\udc00bucket'), awsRegion: '\ud800' });
    const findings = allRules.flatMap((r) => r.match(event, { ownAccounts: new Set() }));
    expect(findings[0]?.resource.consoleUrl).toContain('%EF%BF%BD');
  });
});
