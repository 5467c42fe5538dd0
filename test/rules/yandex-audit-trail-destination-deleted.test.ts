import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-audit-trail-destination-deleted.js';
import { failedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';
import { trailContext } from '../helpers/trails.js';

describe('yandex-audit-trail-destination-deleted', () => {
  it.each([
    { name: 'the trail bucket', record: yandexEvent('storage', 'BucketDelete', { bucket_id: 'acme-at-store' }), summary: 'bucket acme-at-store deleted (destination of trail cnpabc1trail0example)' },
    { name: 'a bucket named for audit logs', record: yandexEvent('storage', 'BucketDelete', { bucket_id: 'prod-audit-trail-logs' }), summary: 'bucket prod-audit-trail-logs deleted (its name marks it as an audit-log bucket)' },
    { name: 'the trail log group', record: yandexEvent('logging', 'DeleteLogGroup', { log_group_id: 'e23lggroup0example01', log_group_name: 'audit' }), summary: 'log group audit deleted (destination of trail cnpabc1trail0example)' },
  ])('fires on $name', ({ record, summary }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity: 'critical', evidence: { summary } });
  });

  it.each([
    { name: 'an ordinary bucket', record: yandexEvent('storage', 'BucketDelete', { bucket_id: 'site-assets' }) },
    { name: 'another log group', record: yandexEvent('logging', 'DeleteLogGroup', { log_group_id: 'e23app0example' }) },
    { name: 'a failed delete of the trail bucket', record: failedYandex(yandexEvent('storage', 'BucketDelete', { bucket_id: 'acme-at-store' })) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toEqual([]);
  });
});
