/** The AWS CloudTrail format descriptor: recognition, probes, skips, parser and the alert's "Where". */
import { describe, expect, it } from 'vitest';
import { aws } from '../../shared/formats/aws.js';
import { actionInBytes } from '../../shared/formats/bytes.js';
import { cloudTrailRecord, toEvent } from '../helpers/cloudtrail.js';
import { yandexEvent } from '../helpers/yandex.js';

describe('aws format descriptor', () => {
  const record = cloudTrailRecord({ eventName: 'PutBucketAcl', eventSource: 's3.amazonaws.com', awsRegion: 'eu-west-1', recipientAccountId: '111122223333' });
  const yandexRecord = yandexEvent('storage', 'BucketUpdate', {});

  it.each([
    { name: 'a CloudTrail record', value: record, expected: true },
    { name: 'a Yandex event', value: yandexRecord, expected: false },
    { name: 'a record with both action fields', value: { ...record, event_type: 'x' }, expected: false },
  ])('recognises $name: $expected (parsed and as bytes)', ({ value, expected }) => {
    expect(aws.recognises(value)).toBe(expected);
    expect(aws.probe(Buffer.from(JSON.stringify(value)))).toBe(expected);
  });

  it('finds the records of a delivery document and recognises a single event', () => {
    expect(aws.documentRecords?.({ Records: [record] })).toEqual([record]);
    expect(aws.documentRecords?.({ Records: 'no' })).toBeUndefined();
    expect(aws.recordsKey).toBe('Records');
    expect(aws.singleEvent(record)).toBe(true);
    expect(aws.singleEvent(yandexRecord)).toBe(false);
  });

  it.each([
    { name: 'a digest key', key: 'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/10/01/x.json.gz', skipped: true },
    { name: 'a Config check file', key: 'AWSLogs/111122223333/Config/ConfigWritabilityCheckFile', skipped: true },
    { name: 'a log key', key: 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/x.json.gz', skipped: false },
  ])('skips $name by key: $skipped', ({ key, skipped }) => {
    expect(aws.skipKey?.(key) !== undefined).toBe(skipped);
  });

  it('skips a digest document by content', () => {
    expect(aws.skipDocument?.({ digestStartTime: '2026-10-01T11:00:00Z' })).toMatch(/digest/);
    expect(aws.skipDocument?.({ Records: [] })).toBeUndefined();
  });

  it('reads the action from text and bytes, checks the envelope and parses to an aws event', () => {
    const text = JSON.stringify(record);
    aws.actionInText.lastIndex = 0;
    expect(aws.actionInText.exec(text)?.[1]).toBe('PutBucketAcl');
    expect(actionInBytes(Buffer.from(text), aws.actionKey)).toBe('PutBucketAcl');
    expect(aws.envelopeProblem(record)).toBeUndefined();
    expect(aws.envelopeProblem({ eventName: 'X' })).toBeDefined();
    const parsed = aws.parse(record, { key: 'k', index: 0 });
    expect(parsed.ok && parsed.event.cloud).toBe('aws');
    expect(parsed.ok && parsed.event.service).toBe(record[aws.serviceField]);
    expect(parsed.ok && parsed.event.action).toBe(record[aws.actionField]);
  });

  it('says where: the account and the region', () => {
    expect(aws.where(toEvent(record))).toBe('AWS account 111122223333 · eu-west-1');
  });
});
