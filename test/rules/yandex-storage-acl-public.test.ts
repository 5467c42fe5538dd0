import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-storage-acl-public.js';
import { ownContext } from '../helpers/rules.js';
import { failedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const owner = { subject_id: 'ajeowner000000000001', subject_name: 'ivan.petrov', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', permission: 'FULL_CONTROL', grant_type: 'ACCOUNT' };
const aclUpdate = (details: Record<string, unknown>) => yandexEvent('storage', 'BucketAclUpdate', { bucket_id: 'acme-media', ...details });
const legacy = (grants: unknown[]) => aclUpdate({ rule: JSON.stringify({ Grants: grants }) });

describe('yandex-storage-acl-public', () => {
  it.each([
    { name: 'READ to ALL_USERS next to the owner grant', record: aclUpdate({ acl: { grants: [owner, { permission: 'READ', grant_type: 'ALL_USERS' }] } }), severity: 'high', summary: 'acme-media: READ to ALL_USERS' },
    { name: 'WRITE to ALL_USERS', record: aclUpdate({ acl: { grants: [{ permission: 'WRITE', grant_type: 'ALL_USERS' }] } }), severity: 'critical', summary: 'acme-media: WRITE to ALL_USERS' },
    { name: 'FULL_CONTROL to ALL_AUTHENTICATED_USERS', record: aclUpdate({ acl: { grants: [{ permission: 'FULL_CONTROL', grant_type: 'ALL_AUTHENTICATED_USERS' }] } }), severity: 'critical', summary: 'acme-media: FULL_CONTROL to ALL_AUTHENTICATED_USERS' },
    { name: 'the API enum spelling', record: aclUpdate({ acl: { grants: [{ permission: 'PERMISSION_READ', grant_type: 'GRANT_TYPE_ALL_USERS' }] } }), severity: 'high', summary: 'acme-media: READ to ALL_USERS' },
    {
      name: 'the legacy rule string',
      record: legacy([{ Permission: 'WRITE', GrantType: 'allAuthenticatedUsers', GranteeID: '' }, { Permission: 'READ', GrantType: 'allAuthenticatedUsers', GranteeID: '' }]),
      severity: 'critical',
      summary: 'acme-media: WRITE to ALL_AUTHENTICATED_USERS, READ to ALL_AUTHENTICATED_USERS',
    },
  ])('fires on $name', ({ record, severity, summary }) => {
    // Act
    const [finding, ...rest] = rule.match(toYandexEvent(record), ownContext);

    // Assess
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ category: 'public-bucket', severity, evidence: { summary }, resource: { id: 'acme-media' }, remediation: { action: 'yandex-storage-remove-public-acl', target: { bucket: 'acme-media' } } });
  });

  it('fires on a bucket created with a public ACL', () => {
    const event = yandexEvent('storage', 'BucketCreate', { bucket_id: 'acme-landing', owner: 'ajeowner000000000001', acl: { grants: [owner, { permission: 'READ', grant_type: 'ALL_USERS' }] } });
    expect(rule.match(toYandexEvent(event), ownContext)).toHaveLength(1);
  });

  it.each([
    { name: 'account grants only', record: aclUpdate({ acl: { grants: [owner, { ...owner, subject_type: 'GROUP', permission: 'READ' }] } }) },
    { name: 'a legacy rule with account grants only', record: legacy([{ Permission: 'FULL_CONTROL', GrantType: 'account', GranteeID: 'ajeowner000000000001' }]) },
    { name: 'an unparseable legacy rule', record: aclUpdate({ rule: '{"Grants":[' }) },
    { name: 'a denied change', record: failedYandex(aclUpdate({ acl: { grants: [{ permission: 'READ', grant_type: 'ALL_USERS' }] } })) },
    { name: 'a STARTED change', record: { ...aclUpdate({ acl: { grants: [{ permission: 'READ', grant_type: 'ALL_USERS' }] } }), event_status: 'STARTED' } },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toYandexEvent(record), ownContext)).toEqual([]);
  });
});
