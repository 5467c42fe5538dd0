import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-audit-trail-bucket-lifecycle-short.js';
import { failedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';
import { trailContext } from '../helpers/trails.js';

const lifecycle = (bucket: string, ...rules: object[]) => yandexEvent('storage', 'BucketLifecycleUpdate', { bucket_id: bucket, lifecycle_rules: rules });
const expire = (days: string, prefix = '', enabled: boolean | string = true) => ({ id: 'wipe', enabled, filter: { prefix }, expiration: { days } });

describe('yandex-audit-trail-bucket-lifecycle-short', () => {
  it.each([
    { name: 'a 1-day expiry of the trail bucket', record: lifecycle('acme-at-store', expire('1')), severity: 'critical', summary: 'acme-at-store: rule wipe expires all objects after 1 day(s) (retention 30 days; destination of trail cnpabc1trail0example)' },
    { name: 'a 14-day expiry of the trail prefix', record: lifecycle('acme-at-store', expire('14', 'at/')), severity: 'high', summary: 'acme-at-store: rule wipe expires at/ after 14 day(s) (retention 30 days; destination of trail cnpabc1trail0example)' },
  ])('fires on $name', ({ record, severity, summary }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity, evidence: { summary } });
  });

  it.each([
    { name: 'a long expiry', record: lifecycle('acme-at-store', expire('400')) },
    { name: 'a disabled rule', record: lifecycle('acme-at-store', expire('1', '', false)) },
    { name: 'another prefix', record: lifecycle('acme-at-store', expire('1', 'tmp/')) },
    { name: 'an ordinary bucket', record: lifecycle('build-cache', expire('1')) },
    { name: 'a failed update', record: failedYandex(lifecycle('acme-at-store', expire('1'))) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toEqual([]);
  });
});
