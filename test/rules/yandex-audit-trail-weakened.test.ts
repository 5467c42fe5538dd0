import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-audit-trail-weakened.js';
import { failedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';
import { ownContext } from '../helpers/rules.js';
import { trailContext } from '../helpers/trails.js';

const CLOUD = 'b1g8dn6s3v2example01';
const scope = (...ids: string[]) => ({ management_events_filter: { resource_scopes: ids.map((id) => ({ id, type: 'resource-manager.cloud' })) } });
const details = (extra: Record<string, unknown>) => ({
  trail_id: 'cnpabc1trail0example',
  trail_name: 'main',
  status: 'ACTIVE',
  destination: { object_storage: { bucket_id: 'acme-at-store', object_prefix: 'at' } },
  service_account_id: 'ajeservice0example01',
  filtering_policy: scope(CLOUD),
  ...extra,
});
const update = (extra: Record<string, unknown>, fields: Record<string, unknown> = {}) => yandexEvent('audittrails', 'UpdateTrail', details(extra), fields);

describe('yandex-audit-trail-weakened', () => {
  it.each([
    { name: 'a status other than ACTIVE', record: update({ status: 'DELETED' }), summary: 'trail main: status set to DELETED' },
    { name: 'an empty management filter', record: update({ filtering_policy: scope() }), summary: 'trail main: management events no longer collected' },
    { name: 'a filter without management events', record: update({ filtering_policy: { data_events_filters: [{ service: 'storage' }] } }), summary: 'trail main: management events no longer collected' },
    { name: 'a filter that lost the cloud', record: update({ filtering_policy: scope('b1gvmob95yexample001') }), summary: `trail main: filter no longer covers ${CLOUD}` },
    { name: 'another bucket', record: update({ destination: { object_storage: { bucket_id: 'exfil-bucket', object_prefix: 'at' } } }), summary: 'trail main: destination changed from bucket:acme-at-store/at to bucket:exfil-bucket/at' },
    { name: 'a log group instead of the bucket', record: update({ destination: { cloud_logging: { log_group_id: 'e23other0example' } } }), summary: 'trail main: destination changed from bucket:acme-at-store/at to log-group:e23other0example' },
  ])('fires on $name', ({ record, summary }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', evidence: { summary }, resource: { id: 'cnpabc1trail0example', name: 'main' } });
  });

  it('fires on a destination named by the update mask when the trail is unknown', () => {
    // Prepare
    const event = toYandexEvent(update({ trail_id: 'cnpnew', destination: { object_storage: { bucket_id: 'b2' } } }, { request_parameters: { update_mask: 'destination' } }));

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings[0]?.evidence.summary).toBe('trail main: destination changed to bucket:b2/');
  });

  it.each([
    { name: 'an update that keeps everything', record: update({}), context: trailContext() },
    { name: 'a widened filter', record: update({ filtering_policy: scope(CLOUD, 'b1gsecond0example001') }), context: trailContext() },
    { name: 'a renamed trail', record: update({ trail_name: 'main-2', description: 'renamed' }), context: trailContext() },
    { name: 'an unknown trail with a destination but no mask', record: update({ trail_id: 'cnpnew' }), context: ownContext },
    { name: 'a failed update', record: failedYandex(update({ status: 'DELETED' })), context: trailContext() },
  ])('does not fire on $name', ({ record, context }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, context);

    // Assess
    expect(findings).toEqual([]);
  });
});
