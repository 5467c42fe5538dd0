import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-audit-trail-deleted.js';
import { failedYandex, startedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';
import { trailContext } from '../helpers/trails.js';

const del = (details: unknown) => yandexEvent('audittrails', 'DeleteTrail', details);

describe('yandex-audit-trail-deleted', () => {
  it.each([
    { name: 'a known trail', record: del({ trail_id: 'cnpabc1trail0example', trail_name: 'main' }), summary: 'trail main deleted (wrote to bucket acme-at-store)' },
    { name: 'an unknown trail', record: del({ trail_id: 'cnpother0000example' }), summary: 'trail cnpother0000example deleted' },
  ])('fires on $name', ({ record, summary }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity: 'critical', evidence: { summary }, resource: { type: 'yandex-audit-trail' } });
  });

  it.each([
    { name: 'a STARTED delete', record: startedYandex(del({ trail_id: 'cnpabc1trail0example' })) },
    { name: 'a failed delete', record: failedYandex(del({ trail_id: 'cnpabc1trail0example' })) },
    { name: 'CreateTrail', record: yandexEvent('audittrails', 'CreateTrail', { trail_id: 'cnpabc1trail0example' }) },
    { name: 'a delete without a trail id', record: del({}) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toEqual([]);
  });
});
