import { describe, expect, it } from 'vitest';
import { parseYandexEvent } from '../../shared/formats/yandex-audit-trails.js';
import { failedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

describe('parseYandexEvent', () => {
  it('normalizes a DONE event and finds org, cloud and folder by type', () => {
    // Prepare
    const raw = yandexEvent('network', 'UpdateSecurityGroup', { security_group_id: 'enp1' }, {
      resource_metadata: {
        path: [
          { resource_type: 'resource-manager.folder', resource_id: 'b1gfolder', resource_name: 'web' },
          { resource_type: 'resource-manager.cloud', resource_id: 'b1gcloud', resource_name: 'prod' },
        ],
      },
    });

    // Act
    const event = toYandexEvent(raw);

    // Assess
    expect(event).toMatchObject({
      cloud: 'yandex',
      action: 'yandex.cloud.audit.network.UpdateSecurityGroup',
      service: 'network',
      outcome: 'success',
      actor: { id: 'ajeexampleuser000001', name: 'ivan.petrov', type: 'YANDEX_PASSPORT_USER_ACCOUNT', sourceIp: '203.0.113.9' },
      scope: { cloud: 'b1gcloud', cloudName: 'prod', folder: 'b1gfolder', folderName: 'web' },
      request: { security_group_id: 'enp1' },
    });
  });

  it.each([
    { name: 'ERROR', raw: failedYandex(yandexEvent('iam', 'X', {})), outcome: 'failure' },
    { name: 'STARTED', raw: yandexEvent('iam', 'X', {}, { event_status: 'STARTED' }), outcome: 'in-progress' },
    { name: 'CANCELLED', raw: yandexEvent('iam', 'X', {}, { event_status: 'CANCELLED' }), outcome: 'failure' },
    { name: 'DONE but not authorized ("false")', raw: yandexEvent('iam', 'X', {}, { authorization: { authorized: 'false' } }), outcome: 'failure' },
    { name: 'DONE and authorized "true"', raw: yandexEvent('iam', 'X', {}, { authorization: { authorized: 'true' } }), outcome: 'success' },
  ])('maps $name to $outcome', ({ raw, outcome }) => {
    expect(toYandexEvent(raw).outcome).toBe(outcome);
  });

  it('rejects an event without event_type, naming the field', () => {
    const parsed = parseYandexEvent({ ...yandexEvent('iam', 'X', {}), event_type: undefined });
    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining('event_type') });
  });
});
