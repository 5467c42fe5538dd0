import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-storage-anonymous-access.js';
import { ownContext } from '../helpers/rules.js';
import { failedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const update = (flags: Record<string, unknown>, fields = {}) =>
  yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-reports', storage_class: 'STANDARD', max_size: '0', ...flags }, fields);

describe('yandex-storage-anonymous-access', () => {
  it.each([
    { name: 'read objects ("true")', flags: { objects_access: 'true', list_access: 'false', settings_read_access: 'false' }, severity: 'critical', on: ['read'] },
    { name: 'list only (boolean true)', flags: { objects_access: false, list_access: true, settings_read_access: false }, severity: 'high', on: ['list'] },
    { name: 'settings read only', flags: { objects_access: 'false', list_access: 'false', settings_read_access: 'TRUE' }, severity: 'medium', on: ['configRead'] },
    { name: 'the nested flags form', flags: { anonymous_access_flags: { read: 'true', list: 'true' } }, severity: 'critical', on: ['read', 'list'] },
  ])('fires on $name', ({ flags, severity, on }) => {
    // Act
    const findings = rule.match(toYandexEvent(update(flags)), ownContext);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        category: 'public-bucket',
        severity,
        resource: expect.objectContaining({ type: 'yandex-bucket', id: 'acme-reports', consoleUrl: 'https://console.yandex.cloud/folders/b1gvmob95yexample001/storage/buckets/acme-reports' }),
        evidence: expect.objectContaining({ details: { bucket: 'acme-reports', anonymousAccess: on } }),
        remediation: expect.objectContaining({ action: 'yandex-storage-make-private', target: { bucket: 'acme-reports', flags: on } }),
      }),
    ]);
  });

  it('fires on a bucket created public', () => {
    const event = yandexEvent('storage', 'BucketCreate', { bucket_id: 'acme-new', objects_access: 'true' });
    expect(rule.match(toYandexEvent(event), ownContext)).toHaveLength(1);
  });

  it.each([
    { name: 'all flags "false"', record: update({ objects_access: 'false', list_access: 'false', settings_read_access: 'false' }) },
    { name: 'no flags (a tags-only update)', record: update({ tags: [{ key: 'team', value: 'web' }] }) },
    { name: 'a flag spelled "yes"', record: update({ objects_access: 'yes' }) },
    { name: 'an ERROR event', record: failedYandex(update({ objects_access: 'true' })) },
    { name: 'a STARTED event', record: update({ objects_access: 'true' }, { event_status: 'STARTED' }) },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toYandexEvent(record), ownContext)).toEqual([]);
  });
});
