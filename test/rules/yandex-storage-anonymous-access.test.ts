import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-storage-anonymous-access.js';
import { ownContext } from '../helpers/rules.js';
import { deniedYandex, failedYandex, startedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const FOLDER = 'b1gvmob95yexample001';

/** BucketUpdate as Audit Trails logs it: the three access flags are strings. */
const update = (details: Record<string, unknown>) =>
  yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-reports', max_size: '0', storage_class: 'STANDARD', ...details });
const flags = (objects: unknown, list: unknown, settings: unknown) =>
  update({ objects_access: objects, list_access: list, settings_read_access: settings });

describe('yandex-storage-anonymous-access', () => {
  it.each([
    {
      name: 'object read on ("true")',
      record: flags('true', 'false', 'false'),
      severity: 'critical',
      on: ['read'],
      summary: 'acme-reports: anyone can read objects',
    },
    {
      name: 'listing on (boolean true)',
      record: flags(false, true, false),
      severity: 'high',
      on: ['list'],
      summary: 'acme-reports: anyone can list objects',
    },
    {
      name: 'settings read only ("TRUE")',
      record: flags('false', 'false', 'TRUE'),
      severity: 'medium',
      on: ['configRead'],
      summary: 'acme-reports: anyone can read settings',
    },
    {
      name: 'all three flags',
      record: flags('true', 'true', 'true'),
      severity: 'critical',
      on: ['read', 'list', 'configRead'],
      summary: 'acme-reports: anyone can read objects, list objects, read settings',
    },
    {
      name: 'the nested anonymous_access_flags form',
      record: update({ anonymous_access_flags: { read: false, list: 'true', config_read: 'false' } }),
      severity: 'high',
      on: ['list'],
      summary: 'acme-reports: anyone can list objects',
    },
    {
      name: 'a bucket created public',
      record: yandexEvent('storage', 'BucketCreate', { bucket_id: 'acme-reports', owner: 'ajeowner000000000001', objects_access: 'true' }),
      severity: 'critical',
      on: ['read'],
      summary: 'acme-reports: anyone can read objects',
    },
  ])('fires on $name', ({ record, severity, on, summary }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'yandex-storage-anonymous-access',
      category: 'public-bucket',
      severity,
      resource: {
        type: 'yandex-bucket',
        id: 'acme-reports',
        consoleUrl: `https://console.yandex.cloud/folders/${FOLDER}/storage/buckets/acme-reports`,
      },
      evidence: { summary, details: { bucket: 'acme-reports', anonymousAccess: on } },
      remediation: { action: 'yandex-storage-make-private', target: { bucket: 'acme-reports', flags: on } },
      dedupKey: `yandex-storage-anonymous-access:${event.id}:acme-reports`,
    });
  });

  it('names the exact log fields in the evidence', () => {
    // Prepare
    const event = toYandexEvent(flags('true', 'false', 'true'));

    // Act
    const [finding] = rule.match(event, ownContext);

    // Assess
    expect(finding?.evidence.details).toEqual({
      bucket: 'acme-reports',
      anonymousAccess: ['read', 'configRead'],
      fields: ['objects_access', 'settings_read_access'],
    });
    expect(finding?.remediation?.summary).toBe('turn anonymous read/configRead access off on acme-reports');
  });

  it('still reports a bucket the log does not name, without a plan', () => {
    // Prepare
    const event = toYandexEvent(yandexEvent('storage', 'BucketUpdate', { resource_id: 'e3e7bucketres0001', objects_access: 'true' }));

    // Act
    const [finding] = rule.match(event, ownContext);

    // Assess
    expect(finding).toMatchObject({ resource: { type: 'yandex-bucket', id: 'e3e7bucketres0001' }, remediation: null });
  });

  it.each([
    { name: 'all flags "false" (a storage class change)', record: flags('false', 'false', 'false') },
    { name: 'flags switched off by a remediation', record: flags(false, false, false) },
    { name: 'no flags at all (a tags-only update)', record: update({ tags: [{ key: 'team', value: 'web' }] }) },
    { name: 'a flag spelled "yes"', record: flags('yes', '1', 'on') },
    { name: 'flags that are objects', record: flags({ value: 'true' }, ['true'], null) },
    { name: 'the nested form all off', record: update({ anonymous_access_flags: { read: false, list: false, config_read: false } }) },
    { name: 'a failed update (ERROR)', record: failedYandex(flags('true', 'true', 'false')) },
    { name: 'an update refused by IAM', record: deniedYandex(flags('true', 'false', 'false')) },
    { name: 'an update not finished (STARTED)', record: startedYandex(flags('true', 'true', 'false')) },
    { name: 'a BucketPolicyUpdate carrying the same field', record: yandexEvent('storage', 'BucketPolicyUpdate', { bucket_id: 'acme-reports', objects_access: 'true' }) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
