import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/yandex-storage-make-private.js';
import { rule } from '../../shared/rules/yandex-storage-anonymous-access.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { yandexEvent } from '../helpers/yandex.js';
import { type FakeYandexApi, TEST_TOKEN, apiError, ok, operationDone, operationFailed, startFakeYandexApi } from '../helpers/yandex-api-server.js';
import { findingFor } from '../helpers/findings.js';

const BUCKET = '/storage/v1/buckets/acme-reports';

function finding(flags: Record<string, unknown>): { finding: Finding; plan: RemediationPlan } {
  const record = yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-reports', storage_class: 'STANDARD', max_size: '0', ...flags });
  return findingFor(rule, record);
}

// The bucket as the Storage API returns it (VIEW_BASIC).
const bucket = (anonymousAccessFlags: Record<string, boolean>) => ({
  id: 'acme-reports',
  name: 'acme-reports',
  folderId: 'b1gvmob95yexample001',
  anonymousAccessFlags,
  defaultStorageClass: 'STANDARD',
  versioning: 'VERSIONING_DISABLED',
  maxSize: '0',
  createdAt: '2026-09-01T08:00:00Z',
});

describe('yandex-storage-make-private', () => {
  let api: FakeYandexApi;
  beforeEach(async () => {
    api = await startFakeYandexApi();
  });
  afterEach(() => api.stop());

  it('reads the bucket, then turns the finding flags off', async () => {
    // Prepare
    const { finding: f, plan } = finding({ objects_access: 'true', list_access: 'true', settings_read_access: 'false' });
    api.on('GET', BUCKET, ok(bucket({ read: true, list: true, configRead: false })));
    api.on('PATCH', BUCKET, operationDone(bucket({ read: false, list: false, configRead: false }), 'e3eop0001'));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(api.calls.map((c) => [c.method, c.path, c.headers.authorization, c.body])).toEqual([
      ['GET', BUCKET, `Bearer ${TEST_TOKEN}`, undefined],
      ['PATCH', BUCKET, `Bearer ${TEST_TOKEN}`, { updateMask: 'anonymousAccessFlags', anonymousAccessFlags: { read: false, list: false, configRead: false } }],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: 'turned anonymous read/list access off on acme-reports',
      changes: [{
        bucket: 'acme-reports',
        anonymousAccessFlags: { before: { read: true, list: true, configRead: false }, after: { read: false, list: false, configRead: false } },
        operationId: 'e3eop0001',
      }],
    });
  });

  it('keeps a flag the finding does not name', async () => {
    // Prepare: the finding is about `list`; `configRead` was on before and is not this finding's evidence.
    const { finding: f, plan } = finding({ objects_access: false, list_access: true, settings_read_access: false });
    api.on('GET', BUCKET, ok(bucket({ read: false, list: true, configRead: true })));
    api.on('PATCH', BUCKET, operationDone());

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(api.calls[1]?.body).toEqual({ updateMask: 'anonymousAccessFlags', anonymousAccessFlags: { read: false, list: false, configRead: true } });
    expect(result.status).toBe('done');
  });

  it.each([
    { name: 'the flags are off', answer: ok(bucket({ read: false, list: false, configRead: false })), reason: 'anonymous read/list access is already off on acme-reports' },
    { name: 'the API omits the flags', answer: ok({ name: 'acme-reports', folderId: 'b1gvmob95yexample001' }), reason: 'anonymous read/list access is already off on acme-reports' },
    { name: 'the bucket is gone', answer: apiError(404, 5, 'The specified bucket does not exist'), reason: 'bucket acme-reports no longer exists' },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding({ anonymous_access_flags: { read: 'true', list: 'true' } });
    api.on('GET', BUCKET, answer);

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
    expect(api.calls.map((c) => c.method)).toEqual(['GET']);
  });

  it.each([
    { name: 'the read is denied', get: apiError(403, 7, 'Permission denied'), patch: undefined, reason: 'reading bucket acme-reports: HTTP 403 (code 7): Permission denied' },
    { name: 'the write is denied', get: ok(bucket({ read: true, list: false, configRead: false })), patch: apiError(403, 7, 'Permission denied'), reason: 'updating bucket acme-reports: HTTP 403 (code 7): Permission denied' },
    { name: 'the operation fails', get: ok(bucket({ read: true, list: false, configRead: false })), patch: operationFailed(13, 'Internal error'), reason: 'updating bucket acme-reports: HTTP 200 (code 13): Internal error' },
  ])('fails with the status and message when $name', async ({ get, patch, reason }) => {
    // Prepare
    const { finding: f, plan } = finding({ objects_access: 'true' });
    api.on('GET', BUCKET, get);
    if (patch) api.on('PATCH', BUCKET, patch);

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason });
  });
});
