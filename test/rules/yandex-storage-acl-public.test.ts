import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-storage-acl-public.js';
import { ownContext } from '../helpers/rules.js';
import { deniedYandex, failedYandex, startedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const FOLDER = 'b1gvmob95yexample001';
const owner = { subject_id: 'ajeowner000000000001', subject_name: 'ivan.petrov', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', permission: 'FULL_CONTROL', grant_type: 'ACCOUNT' };
const analysts = { subject_id: 'ajegroup000000000001', subject_name: 'analysts', subject_type: 'GROUP', permission: 'READ', grant_type: 'ACCOUNT' };
const everyone = (permission: string, grant_type = 'ALL_USERS') => ({ permission, grant_type });

/** BucketAclUpdate in the current form: `acl.grants[]`. */
const aclUpdate = (...grants: object[]) => yandexEvent('storage', 'BucketAclUpdate', { bucket_id: 'acme-media', acl: { grants } });
/** BucketAclUpdate in the legacy form: `rule` is a JSON string, no `acl`. */
const legacy = (...Grants: object[]) => yandexEvent('storage', 'BucketAclUpdate', { bucket_id: 'acme-media', rule: JSON.stringify({ Grants }) });

describe('yandex-storage-acl-public', () => {
  it.each([
    {
      name: 'READ to ALL_USERS after the owner grant',
      record: aclUpdate(owner, analysts, everyone('READ')),
      severity: 'high',
      grants: [{ grantType: 'ALL_USERS', permission: 'READ' }],
      summary: 'acme-media: READ to ALL_USERS',
    },
    {
      name: 'WRITE to ALL_USERS',
      record: aclUpdate(owner, everyone('WRITE')),
      severity: 'critical',
      grants: [{ grantType: 'ALL_USERS', permission: 'WRITE' }],
      summary: 'acme-media: WRITE to ALL_USERS',
    },
    {
      name: 'FULL_CONTROL to ALL_AUTHENTICATED_USERS',
      record: aclUpdate(everyone('FULL_CONTROL', 'ALL_AUTHENTICATED_USERS')),
      severity: 'critical',
      grants: [{ grantType: 'ALL_AUTHENTICATED_USERS', permission: 'FULL_CONTROL' }],
      summary: 'acme-media: FULL_CONTROL to ALL_AUTHENTICATED_USERS',
    },
    {
      name: 'READ_ACP to ALL_AUTHENTICATED_USERS',
      record: aclUpdate(owner, everyone('READ_ACP', 'ALL_AUTHENTICATED_USERS')),
      severity: 'high',
      grants: [{ grantType: 'ALL_AUTHENTICATED_USERS', permission: 'READ_ACP' }],
      summary: 'acme-media: READ_ACP to ALL_AUTHENTICATED_USERS',
    },
    {
      name: 'the API enum spelling',
      record: aclUpdate({ permission: 'PERMISSION_READ', grant_type: 'GRANT_TYPE_ALL_USERS' }),
      severity: 'high',
      grants: [{ grantType: 'ALL_USERS', permission: 'READ' }],
      summary: 'acme-media: READ to ALL_USERS',
    },
    {
      name: 'the legacy rule string (allAuthenticatedUsers WRITE and READ)',
      record: legacy(
        { Permission: 'WRITE', GrantType: 'allAuthenticatedUsers', GranteeID: '' },
        { Permission: 'READ', GrantType: 'allAuthenticatedUsers', GranteeID: '' },
      ),
      severity: 'critical',
      grants: [
        { grantType: 'ALL_AUTHENTICATED_USERS', permission: 'WRITE' },
        { grantType: 'ALL_AUTHENTICATED_USERS', permission: 'READ' },
      ],
      summary: 'acme-media: WRITE to ALL_AUTHENTICATED_USERS, READ to ALL_AUTHENTICATED_USERS',
    },
    {
      name: 'the legacy rule string with allUsers next to an account grant',
      record: legacy({ Permission: 'FULL_CONTROL', GrantType: 'account', GranteeID: 'ajeowner000000000001' }, { Permission: 'READ', GrantType: 'allUsers', GranteeID: '' }),
      severity: 'high',
      grants: [{ grantType: 'ALL_USERS', permission: 'READ' }],
      summary: 'acme-media: READ to ALL_USERS',
    },
    {
      name: 'a BucketUpdate whose flags are off but whose ACL is public',
      record: yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-media', objects_access: 'false', list_access: 'false', settings_read_access: 'false', acl: { grants: [owner, everyone('READ')] } }),
      severity: 'high',
      grants: [{ grantType: 'ALL_USERS', permission: 'READ' }],
      summary: 'acme-media: READ to ALL_USERS',
    },
    {
      name: 'a bucket created with a public-read ACL',
      record: yandexEvent('storage', 'BucketCreate', { bucket_id: 'acme-media', owner: 'ajeowner000000000001', acl: { grants: [owner, everyone('READ')] } }),
      severity: 'high',
      grants: [{ grantType: 'ALL_USERS', permission: 'READ' }],
      summary: 'acme-media: READ to ALL_USERS',
    },
  ])('fires on $name', ({ record, severity, grants, summary }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'public-bucket',
      severity,
      resource: { type: 'yandex-bucket', id: 'acme-media', consoleUrl: `https://console.yandex.cloud/folders/${FOLDER}/storage/buckets/acme-media` },
      evidence: { summary, details: { bucket: 'acme-media', grants } },
      remediation: { action: 'yandex-storage-remove-public-acl', target: { bucket: 'acme-media', grants } },
    });
  });

  it('lists a grant logged in both forms once', () => {
    // Prepare
    const record = yandexEvent('storage', 'BucketAclUpdate', {
      bucket_id: 'acme-media',
      acl: { grants: [everyone('READ')] },
      rule: JSON.stringify({ Grants: [{ Permission: 'READ', GrantType: 'allUsers', GranteeID: '' }] }),
    });

    // Act
    const [finding] = rule.match(toYandexEvent(record), ownContext);

    // Assess
    expect(finding?.remediation?.target.grants).toEqual([{ grantType: 'ALL_USERS', permission: 'READ' }]);
    expect(finding?.remediation?.summary).toBe('remove READ to ALL_USERS from the ACL of acme-media');
  });

  it.each([
    { name: 'account grants only (owner and a group)', record: aclUpdate(owner, analysts) },
    { name: 'an owner-only ACL after remediation', record: aclUpdate(owner) },
    { name: 'an empty ACL', record: aclUpdate() },
    { name: 'a legacy rule with account grants only', record: legacy({ Permission: 'FULL_CONTROL', GrantType: 'account', GranteeID: 'ajeowner000000000001' }) },
    { name: 'a legacy rule that is not JSON', record: yandexEvent('storage', 'BucketAclUpdate', { bucket_id: 'acme-media', rule: '{"Grants":[{"GrantType":"allUsers"' }) },
    { name: 'a legacy rule that is JSON but not an ACL', record: yandexEvent('storage', 'BucketAclUpdate', { bucket_id: 'acme-media', rule: '"allUsers"' }) },
    { name: 'grants that are not objects', record: yandexEvent('storage', 'BucketAclUpdate', { bucket_id: 'acme-media', acl: { grants: ['ALL_USERS', null, 7] } }) },
    { name: 'a failed update (ERROR)', record: failedYandex(aclUpdate(everyone('READ'))) },
    { name: 'an update refused by IAM', record: deniedYandex(legacy({ Permission: 'WRITE', GrantType: 'allUsers', GranteeID: '' })) },
    { name: 'an update not finished (STARTED)', record: startedYandex(aclUpdate(everyone('WRITE'))) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
