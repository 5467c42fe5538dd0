import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/yandex-storage-remove-public-acl.js';
import { rule } from '../../shared/rules/yandex-storage-acl-public.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { yandexEvent } from '../helpers/yandex.js';
import { type FakeYandexApi, TEST_TOKEN, apiError, ok, operationDone, operationFailed, startFakeYandexApi } from '../helpers/yandex-api-server.js';
import { findingFor } from '../helpers/findings.js';

const BUCKET = '/storage/v1/buckets/acme-media';
const READ_ACL = `${BUCKET}?view=VIEW_ACL`;

function finding(details: Record<string, unknown>): { finding: Finding; plan: RemediationPlan } {
  const record = yandexEvent('storage', 'BucketAclUpdate', { bucket_id: 'acme-media', ...details });
  return findingFor(rule, record);
}
const ownerLog = { subject_id: 'ajeowner000000000001', subject_name: 'ivan.petrov', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', permission: 'FULL_CONTROL', grant_type: 'ACCOUNT' };
const readToAll = () => finding({ acl: { grants: [ownerLog, { permission: 'READ', grant_type: 'ALL_USERS' }] } });

// Grants as the Storage API returns them.
const owner = { permission: 'PERMISSION_FULL_CONTROL', grantType: 'GRANT_TYPE_ACCOUNT', granteeId: 'ajeowner000000000001' };
const partner = { permission: 'PERMISSION_READ', grantType: 'GRANT_TYPE_ACCOUNT', granteeId: 'ajepartner0000000001' };
const allRead = { permission: 'PERMISSION_READ', grantType: 'GRANT_TYPE_ALL_USERS' };
const authWrite = { permission: 'PERMISSION_WRITE', grantType: 'GRANT_TYPE_ALL_AUTHENTICATED_USERS' };
const bucket = (grants: unknown[]) => ({ id: 'acme-media', name: 'acme-media', folderId: 'b1gvmob95yexample001', anonymousAccessFlags: {}, acl: { grants } });

describe('yandex-storage-remove-public-acl', () => {
  let api: FakeYandexApi;
  beforeEach(async () => {
    api = await startFakeYandexApi();
  });
  afterEach(() => api.stop());

  it('reads the ACL, then writes it back without the public grant', async () => {
    // Prepare
    const { finding: f, plan } = readToAll();
    api.on('GET', READ_ACL, ok(bucket([owner, allRead, partner])));
    api.on('PATCH', BUCKET, operationDone({}, 'e3eop0002'));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(api.calls.map((c) => [c.method, c.path, c.headers.authorization, c.body])).toEqual([
      ['GET', READ_ACL, `Bearer ${TEST_TOKEN}`, undefined],
      ['PATCH', BUCKET, `Bearer ${TEST_TOKEN}`, { updateMask: 'acl', acl: { grants: [owner, partner] } }],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: 'removed READ to ALL_USERS from the ACL of acme-media',
      changes: [{ bucket: 'acme-media', removedGrants: [allRead], keptGrants: [owner, partner], operationId: 'e3eop0002' }],
    });
  });

  it('handles a legacy-rule finding and keeps a public grant it does not name', async () => {
    // Prepare: the finding is WRITE to all authenticated users; READ to all users is not its evidence.
    const { finding: f, plan } = finding({ rule: JSON.stringify({ Grants: [{ Permission: 'WRITE', GrantType: 'allAuthenticatedUsers', GranteeID: '' }] }) });
    api.on('GET', READ_ACL, ok(bucket([owner, authWrite, allRead])));
    api.on('PATCH', BUCKET, operationDone());

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(api.calls[1]?.body).toEqual({ updateMask: 'acl', acl: { grants: [owner, allRead] } });
    expect(result).toMatchObject({ status: 'done', reason: 'removed WRITE to ALL_AUTHENTICATED_USERS from the ACL of acme-media' });
  });

  it.each([
    { name: 'only account grants remain', answer: ok(bucket([owner, partner])), reason: 'the ACL of acme-media no longer grants READ to ALL_USERS' },
    { name: 'the ACL is empty', answer: ok({ name: 'acme-media', acl: {} }), reason: 'the ACL of acme-media no longer grants READ to ALL_USERS' },
    { name: 'the bucket is gone', answer: apiError(404, 5, 'The specified bucket does not exist'), reason: 'bucket acme-media no longer exists' },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = readToAll();
    api.on('GET', READ_ACL, answer);

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
    expect(api.calls.map((c) => c.method)).toEqual(['GET']);
  });

  it.each([
    { name: 'the read is denied', get: apiError(403, 7, 'Permission denied'), patch: undefined, reason: 'reading the ACL of acme-media: HTTP 403 (code 7): Permission denied' },
    { name: 'the write is rejected', get: ok(bucket([allRead])), patch: apiError(400, 3, 'Invalid ACL'), reason: 'updating the ACL of acme-media: HTTP 400 (code 3): Invalid ACL' },
    { name: 'the operation fails', get: ok(bucket([allRead])), patch: operationFailed(7, 'Access denied to bucket ACL'), reason: 'updating the ACL of acme-media: HTTP 200 (code 7): Access denied to bucket ACL' },
  ])('fails with the status and message when $name', async ({ get, patch, reason }) => {
    // Prepare
    const { finding: f, plan } = readToAll();
    api.on('GET', READ_ACL, get);
    if (patch) api.on('PATCH', BUCKET, patch);

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason });
  });

  it('leaves the ACL untouched when the evidence is gone and another public grant is present: already-fixed', async () => {
    // Prepare: the finding is READ to ALL_USERS; the ACL now has WRITE to all authenticated users instead.
    const { finding: f, plan } = readToAll();
    api.on('GET', READ_ACL, ok(bucket([owner, authWrite])));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: 'the ACL of acme-media no longer grants READ to ALL_USERS' });
    expect(api.calls.map((c) => c.method)).toEqual(['GET']);
  });
});
