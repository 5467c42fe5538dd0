/**
 * The hand-written envelope checks and the time fast path on real-format
 * records: which records they vouch for, which they leave to zod (and that
 * zod's answer then stands), and the time shapes they rewrite.
 */
import { describe, expect, it } from 'vitest';
import { isCloudTrailEnvelope } from '../../shared/formats/aws-cloudtrail-envelope.js';
import { parseCloudTrailRecord } from '../../shared/formats/aws-cloudtrail.js';
import { fastIsoTime, normalizeTime } from '../../shared/formats/common.js';
import { isYandexEnvelope } from '../../shared/formats/yandex-envelope.js';
import { parseYandexEvent } from '../../shared/formats/yandex-audit-trails.js';
import { asParsedJson } from '../helpers/arbitraries.js';
import { assumedRole, cloudTrailRecord, failed, rootIdentity } from '../helpers/cloudtrail.js';
import { YANDEX_PATH, failedYandex, yandexEvent } from '../helpers/yandex.js';

describe('isCloudTrailEnvelope', () => {
  it.each([
    { name: 'an IAM user call', record: cloudTrailRecord() },
    { name: 'an assumed-role call', record: cloudTrailRecord({ userIdentity: assumedRole() }) },
    { name: 'a failed root call', record: failed(cloudTrailRecord({ userIdentity: rootIdentity() })) },
    {
      name: 'an Identity Center session with web identity data',
      record: cloudTrailRecord({
        userIdentity: {
          ...assumedRole('AWSReservedSSO_Admin_0123', 'alice'),
          onBehalfOf: { userId: '94482488-3041-7026-18f3-be45837cd0e4', identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-1234' },
          sessionContext: { sessionIssuer: null, sourceIdentity: 'alice', webIdFederationData: {} },
        },
      }),
    },
    { name: 'a record without userIdentity', record: cloudTrailRecord({ userIdentity: undefined }) },
    { name: 'a record with an own __proto__ key (JSON.parse)', record: asParsedJson({ ...cloudTrailRecord(), ['__proto__']: { eventID: 'x' } }) },
  ])('vouches for $name', ({ record }) => {
    // Act
    const vouched = isCloudTrailEnvelope(record);

    // Assess
    expect(vouched).toBe(true);
  });

  it.each([
    { name: 'an empty eventName', record: cloudTrailRecord({ eventName: '' }), reason: 'eventName: String must contain at least 1 character(s)' },
    { name: 'a numeric awsRegion', record: cloudTrailRecord({ awsRegion: 7 }), reason: 'awsRegion: Expected string, received number' },
    { name: 'a sessionContext string', record: cloudTrailRecord({ userIdentity: { ...assumedRole(), sessionContext: 'x' } }), reason: 'userIdentity.sessionContext: Expected object, received string' },
    { name: 'an array', record: [cloudTrailRecord()], reason: 'record: Expected object, received array' },
  ])('leaves $name to zod, which rejects it in its words', ({ record, reason }) => {
    // Act
    const parsed = parseCloudTrailRecord(record);

    // Assess
    expect(isCloudTrailEnvelope(record)).toBe(false);
    expect(parsed).toEqual({ ok: false, reason });
  });

  it('leaves a record with an odd attribution field to zod, which keeps it without the field', () => {
    // Prepare
    const record = cloudTrailRecord({ userIdentity: { ...assumedRole('Ops', 'bob'), identityProvider: 42 } });

    // Act
    const parsed = parseCloudTrailRecord(record);

    // Assess
    expect(isCloudTrailEnvelope(record)).toBe(false);
    expect(parsed.ok && parsed.event.actor).toEqual({
      id: 'AROAEXAMPLEROLEID:bob',
      name: 'Ops/bob',
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/Ops/bob',
      roleArn: 'arn:aws:iam::111122223333:role/Ops',
      accountId: '111122223333',
      sourceIp: '198.51.100.7',
      userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1',
      sessionName: 'bob',
      issuerName: 'Ops',
    });
  });

  it('leaves objects JSON never makes to zod (a Date, a Map, a promise-like)', () => {
    const thenable = cloudTrailRecord();
    Object.defineProperty(thenable, 'then', { value: () => undefined });
    thenable.catch = () => undefined;
    expect(isCloudTrailEnvelope(new Date(0))).toBe(false);
    expect(isCloudTrailEnvelope(new Map(Object.entries(cloudTrailRecord())))).toBe(false);
    expect(isCloudTrailEnvelope(thenable)).toBe(false);
    expect(parseCloudTrailRecord(thenable)).toEqual({ ok: false, reason: 'record: Expected object, received promise' });
  });

  it('gives the event the same key order as before (findings print it as JSON)', () => {
    // Prepare
    const record = failed(cloudTrailRecord({ userIdentity: assumedRole('Ops', 'bob'), requestParameters: { bucketName: 'b' } }));

    // Act
    const parsed = parseCloudTrailRecord(record, { key: 'k.json.gz', index: 2 });

    // Assess
    expect(parsed.ok && Object.keys(parsed.event)).toEqual(['cloud', 'id', 'time', 'action', 'service', 'outcome', 'error', 'actor', 'scope', 'region', 'request', 'response', 'source', 'raw']);
    expect(parsed.ok && Object.keys(parsed.event.actor)).toEqual(['id', 'name', 'type', 'arn', 'roleArn', 'accountId', 'sourceIp', 'userAgent', 'sessionName', 'issuerName']);
    expect(parsed.ok && parsed.event.request).toBe(record.requestParameters);
  });
});

describe('isYandexEnvelope', () => {
  it.each([
    { name: 'a DONE event', event: yandexEvent('storage', 'BucketUpdate', { bucket_id: 'b' }) },
    { name: 'a failed event with a numeric code', event: failedYandex(yandexEvent('iam', 'CreateKey', {})) },
    { name: 'string flags', event: yandexEvent('storage', 'BucketUpdate', {}, { authorization: { authorized: 'true' } }) },
    { name: 'an impersonated call', event: yandexEvent('iam', 'X', {}, { authentication: { subject_id: 'a', token_info: { impersonator_id: 'b', impersonator_type: 'SERVICE_ACCOUNT' } } }) },
  ])('vouches for $name', ({ event }) => {
    expect(isYandexEnvelope(event)).toBe(true);
  });

  it.each([
    { name: 'a path that is not a list', event: yandexEvent('iam', 'X', {}, { resource_metadata: { path: {} } }), reason: 'resource_metadata.path: Expected array, received object' },
    { name: 'a path entry of the wrong type', event: yandexEvent('iam', 'X', {}, { resource_metadata: { path: [...YANDEX_PATH, 'folder'] } }), reason: 'resource_metadata.path.3: Expected object, received string' },
    { name: 'a numeric flag', event: yandexEvent('iam', 'X', {}, { authorization: { authorized: 1 } }), reason: 'authorization.authorized: Invalid input' },
    { name: 'a NaN error code', event: yandexEvent('iam', 'X', {}, { error: { code: Number.NaN } }), reason: 'error.code: Invalid input' },
  ])('leaves $name to zod, which rejects it in its words', ({ event, reason }) => {
    expect(isYandexEnvelope(event)).toBe(false);
    expect(parseYandexEvent(event)).toEqual({ ok: false, reason });
  });

  it('takes the first path entry of each type, as before', () => {
    // Prepare
    const path = [...YANDEX_PATH, { resource_type: 'resource-manager.folder', resource_id: 'second', resource_name: 'other' }];

    // Act
    const parsed = parseYandexEvent(yandexEvent('iam', 'X', {}, { resource_metadata: { path } }));

    // Assess
    expect(parsed.ok && parsed.event.scope).toEqual({
      organization: 'bpf3crucp1v2example',
      cloud: 'b1g8dn6s3v2example01',
      cloudName: 'acme-prod',
      folder: 'b1gvmob95yexample001',
      folderName: 'web',
    });
  });
});

describe('normalizeTime', () => {
  it.each([
    ['2026-10-01T12:00:00Z', '2026-10-01T12:00:00.000Z'],
    ['2026-10-01T12:00:00.123456Z', '2026-10-01T12:00:00.123Z'],
    ['2026-10-01T12:00:00.5Z', '2026-10-01T12:00:00.500Z'],
    ['2026-10-01T12:00:00.05Z', '2026-10-01T12:00:00.050Z'],
    ['2024-02-29T23:59:59.999999999Z', '2024-02-29T23:59:59.999Z'],
    ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
  ])('rewrites %s without Date.parse', (text, iso) => {
    expect(fastIsoTime(text)).toBe(iso);
    expect(normalizeTime(text)).toBe(iso);
  });

  it.each([
    // V8 rolls impossible dates and 24:00 over; past 9 fraction digits it skips leading zeros.
    ['2025-02-29T00:00:00Z', '2025-03-01T00:00:00.000Z'],
    ['2026-04-31T00:00:00Z', '2026-05-01T00:00:00.000Z'],
    ['2026-10-01T24:00:00Z', '2026-10-02T00:00:00.000Z'],
    ['2026-10-01T00:00:00.0001234567891Z', '2026-10-01T00:00:00.123Z'],
    ['2026-10-01 12:00:00.000', '2026-10-01T12:00:00.000Z'],
    ['2026-10-01T12:00:00+03:00', '2026-10-01T09:00:00.000Z'],
    [' 2026-10-01T12:00:00Z', '2026-10-01T12:00:00.000Z'],
    ['2026-10-01T23:59:60Z', '2026-10-01T23:59:60Z'],
    ['yesterday', 'yesterday'],
  ])('leaves %s to Date.parse, which gives %s', (text, expected) => {
    expect(fastIsoTime(text)).toBeUndefined();
    expect(normalizeTime(text)).toBe(expected);
  });
});
