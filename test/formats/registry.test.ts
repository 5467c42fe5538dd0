/** The registry of cloud formats: one descriptor per cloud, found by cloud, by first record and by bytes. */
import { describe, expect, it } from 'vitest';
import { CLOUD_FORMATS, FALLBACK_FORMAT, formatOf, formatWithRecordsKey, probeRecord, recogniseRecord } from '../../shared/formats/registry.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { yandexEvent } from '../helpers/yandex.js';

describe('cloud format registry', () => {
  it('holds one descriptor per cloud, each found by its cloud', () => {
    const clouds = CLOUD_FORMATS.map((f) => f.cloud);
    expect(new Set(clouds).size).toBe(clouds.length);
    for (const f of CLOUD_FORMATS) expect(formatOf(f.cloud)).toBe(f);
  });

  it.each([
    { name: 'CloudTrail', record: cloudTrailRecord(), cloud: 'aws' },
    { name: 'Yandex', record: yandexEvent('iam', 'CreateServiceAccount', {}), cloud: 'yandex' },
    { name: 'neither (the fallback)', record: { some: 'thing' }, cloud: FALLBACK_FORMAT.cloud },
  ])('recognises a first record of $name as $cloud', ({ record, cloud }) => {
    expect(recogniseRecord(record).cloud).toBe(cloud);
    expect(probeRecord(Buffer.from(JSON.stringify(record))).cloud).toBe(cloud);
  });

  it('finds the format of {"Records":[…]} documents', () => {
    expect(formatWithRecordsKey('Records')?.cloud).toBe('aws');
    expect(formatWithRecordsKey('Events')).toBeUndefined();
  });
});
