/**
 * Property-based round trips through `parseLogObject`: valid CloudTrail
 * (`{"Records":[…]}`), Yandex (arrays) and JSON Lines logs whose
 * caller-controlled fields hold hostile strings (unicode, control and bidi
 * characters, markup, very long values) come back as exactly those events,
 * in order, with matching ids, gzip or not; the prefilter keeps exactly the
 * wanted records.
 *
 * Runs: 500 × 4.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLogObject } from '../../shared/formats/index.js';
import { asParsedJson, auditJson, dangerousRecords, hostileName, hostileString } from '../helpers/arbitraries.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { yandexEvent } from '../helpers/yandex.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** CloudTrail envelope fields a caller controls, with hostile values. */
const cloudTrailFields = fc.record(
  {
    eventID: hostileName,
    eventName: hostileName,
    eventSource: hostileName,
    eventTime: hostileString,
    awsRegion: hostileString,
    sourceIPAddress: hostileString,
    userAgent: hostileString,
    recipientAccountId: hostileString,
    userIdentity: fc.record({ type: hostileString, arn: hostileString, userName: hostileString, principalId: hostileString }, { requiredKeys: [] }),
    requestParameters: auditJson,
    responseElements: auditJson,
  },
  { requiredKeys: ['eventID', 'eventName', 'eventSource'] },
);

/** Yandex Audit Trails fields a caller controls, with hostile values. */
const yandexFields = fc.record({
  event_id: hostileName,
  event_type: hostileName,
  event_time: hostileString,
  name: hostileString,
  agent: hostileString,
  details: auditJson,
});

function yandexRecord(f: { event_id: string; event_type: string; event_time: string; name: string; agent: string; details: unknown }) {
  return yandexEvent('storage', 'x', f.details, {
    event_id: f.event_id,
    event_type: f.event_type,
    event_time: f.event_time,
    authentication: { authenticated: true, subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_id: f.name, subject_name: f.name },
    request_metadata: { remote_address: f.name, user_agent: f.agent },
  });
}

/** Parse `records` written as `layout`, plain or gzip, with every record wanted. */
function parseWritten(records: readonly unknown[], layout: 'cloudtrail' | 'array' | 'lines', gzip: boolean, wants?: (a: string) => boolean) {
  const text = layout === 'cloudtrail' ? JSON.stringify({ Records: records }) : layout === 'array' ? JSON.stringify(records) : records.map((r) => JSON.stringify(r)).join('\n');
  const bytes = utf8(text);
  return parseLogObject(gzip ? gzipSync(bytes) : bytes, 'bucket/log.json.gz', { maxBytes: 50_000_000, ...(wants ? { wants } : {}) });
}

describe('valid logs with hostile field values come back exactly', () => {
  it('CloudTrail {"Records":[…]} and JSON Lines, gzip or not (500 runs)', () => {
    fc.assert(
      fc.property(fc.array(cloudTrailFields, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.constantFrom('cloudtrail', 'lines') as fc.Arbitrary<'cloudtrail' | 'lines'>, (fields, gzip, layout) => {
        // Prepare
        const records = fields.map((f) => asParsedJson(cloudTrailRecord(f)) as Record<string, unknown>);

        // Act
        const parsed = parseWritten(records, layout, gzip);

        // Assess
        expect(parsed.errors).toEqual([]);
        expect(parsed.total).toBe(records.length);
        expect(parsed.cloud).toBe('aws');
        expect(parsed.events.map((e) => e.id)).toEqual(records.map((r) => r.eventID));
        parsed.events.forEach((event, i) => {
          const record = records[i] ?? {};
          expect(event.action).toBe(record.eventName);
          expect(event.service).toBe(record.eventSource);
          expect(event.outcome).toBe('success');
          expect(JSON.stringify(event.raw)).toBe(JSON.stringify(record));
          expect(event.source).toEqual({ key: 'bucket/log.json.gz', index: i });
          if (record.userAgent) expect(event.actor.userAgent).toBe(record.userAgent);
        });
        expect(JSON.stringify(parseWritten(records, layout, !gzip).events)).toBe(JSON.stringify(parsed.events));
      }),
      { numRuns: 500 },
    );
  });

  it('Yandex arrays and JSON Lines, gzip or not (500 runs)', () => {
    fc.assert(
      fc.property(fc.array(yandexFields, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.constantFrom('array', 'lines') as fc.Arbitrary<'array' | 'lines'>, (fields, gzip, layout) => {
        // Prepare
        const records = fields.map((f) => asParsedJson(yandexRecord(f)) as Record<string, unknown>);

        // Act
        const parsed = parseWritten(records, layout, gzip);

        // Assess
        expect(parsed.errors).toEqual([]);
        expect(parsed.cloud).toBe('yandex');
        expect(parsed.events.map((e) => e.id)).toEqual(records.map((r) => r.event_id));
        parsed.events.forEach((event, i) => {
          expect(event.action).toBe(records[i]?.event_type);
          expect(JSON.stringify(event.raw)).toBe(JSON.stringify(records[i]));
          expect(event.source?.index).toBe(i);
        });
        expect(JSON.stringify(parseWritten(records, layout, !gzip).events)).toBe(JSON.stringify(parsed.events));
      }),
      { numRuns: 500 },
    );
  });

  it('a mixed batch of dangerous records, shuffled, keeps order and ids (500 runs)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(dangerousRecords(), { minLength: 1 }), fc.boolean(), (fixtures, gzip) => {
        // Prepare: all of one cloud per object, as real logs are
        const aws = fixtures.filter((f) => f.cloud === 'aws').map((f) => f.record);
        const yandex = fixtures.filter((f) => f.cloud === 'yandex').map((f) => f.record);

        // Act
        const fromAws = aws.length > 0 ? parseWritten(aws, 'cloudtrail', gzip) : undefined;
        const fromYandex = yandex.length > 0 ? parseWritten(yandex, 'array', gzip) : undefined;

        // Assess
        expect(fromAws?.events.map((e) => e.id) ?? []).toEqual(aws.map((r) => r.eventID));
        expect(fromYandex?.events.map((e) => e.id) ?? []).toEqual(yandex.map((r) => r.event_id));
      }),
      { numRuns: 500 },
    );
  });

  it('the prefilter keeps exactly the wanted records, in order (500 runs)', () => {
    fc.assert(
      fc.property(fc.array(cloudTrailFields, { minLength: 1, maxLength: 6 }), fc.boolean(), (fields, gzip) => {
        // Prepare
        const records = fields.map((f) => asParsedJson(cloudTrailRecord(f)) as Record<string, unknown>);
        const wants = (action: string) => action.length % 2 === 1;

        // Act
        const parsed = parseWritten(records, 'cloudtrail', gzip, wants);

        // Assess
        expect(parsed.total).toBe(records.length);
        expect(parsed.errors).toEqual([]);
        expect(parsed.events.map((e) => e.id)).toEqual(records.filter((r) => wants(String(r.eventName))).map((r) => r.eventID));
      }),
      { numRuns: 500 },
    );
  });
});
