import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/yandex-storage-remove-public-policy.js';
import { rule } from '../../shared/rules/yandex-storage-policy-public.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { yandexEvent } from '../helpers/yandex.js';
import { type FakeYandexApi, TEST_TOKEN, apiError, ok, operationDone, operationFailed, startFakeYandexApi } from '../helpers/yandex-api-server.js';
import { findingFor } from '../helpers/findings.js';

const BUCKET = '/storage/v1/buckets/acme-docs';
const publicRead = { Sid: 'public-read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-docs/*' };
const publicList = { Sid: 'list', Effect: 'Allow', Principal: { CanonicalUser: '*' }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-docs' };
const etl = { Sid: 'etl', Effect: 'Allow', Principal: { CanonicalUser: ['ajeetl00000000000001'] }, Action: 's3:*', Resource: '*' };
const office = { ...publicRead, Sid: 'office', Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.0/24'] } } };
const viaVpc = { ...publicRead, Sid: 'vpc', Condition: { StringEquals: { 'yc:private-endpoint-id': 'enpd7rq1s3f5example' } } };
const denyHttp = { Sid: 'tls', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const policy = (...Statement: object[]) => ({ Version: '2012-10-17', Id: 'acme-docs-policy', Statement });

function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = yandexEvent('storage', 'BucketPolicyUpdate', { bucket_id: 'acme-docs', policy_text: JSON.stringify(policy(etl, publicRead)) });
  return findingFor(rule, record);
}
const bucket = (p?: object) => ({ id: 'acme-docs', name: 'acme-docs', folderId: 'b1gvmob95yexample001', ...(p ? { policy: p } : {}) });

describe('yandex-storage-remove-public-policy', () => {
  let api: FakeYandexApi;
  beforeEach(async () => {
    api = await startFakeYandexApi();
  });
  afterEach(() => api.stop());

  it('reads the current policy and writes it back without the public statement the finding names (#10: only the evidence)', async () => {
    // Prepare: the current policy also holds a public list statement added since (another finding), two restricted ones and a deny.
    const { finding: f, plan } = finding();
    api.on('GET', BUCKET, ok(bucket(policy(etl, publicRead, office, publicList, viaVpc, denyHttp))));
    api.on('PATCH', BUCKET, operationDone({}, 'e3eop0003'));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    const rest = policy(etl, office, publicList, viaVpc, denyHttp);
    expect(api.calls.map((c) => [c.method, c.path, c.headers.authorization, c.body])).toEqual([
      ['GET', BUCKET, `Bearer ${TEST_TOKEN}`, undefined],
      ['PATCH', BUCKET, `Bearer ${TEST_TOKEN}`, { updateMask: 'policy', policy: rest }],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: 'removed 1 public statement from the policy of acme-docs',
      changes: [{ bucket: 'acme-docs', removedStatements: [publicRead], policy: rest, operationId: 'e3eop0003' }],
    });
  });

  it('leaves the policy untouched when the evidence is gone and another public statement is present: already-fixed', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    api.on('GET', BUCKET, ok(bucket(policy(etl, publicList))));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(api.calls.map((c) => c.method)).toEqual(['GET']);
    expect(result).toEqual({
      status: 'already-fixed',
      reason: "the public statements of this finding are no longer in the policy of acme-docs; 1 other public statement left untouched (not this finding's evidence)",
    });
  });

  it('resets the policy when only public statements were in it', async () => {
    // Prepare: Statement as a single object, not a list.
    const { finding: f, plan } = finding();
    api.on('GET', BUCKET, ok(bucket({ Version: '2012-10-17', Statement: publicRead })));
    api.on('PATCH', BUCKET, operationDone());

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(api.calls[1]?.body).toEqual({ updateMask: 'policy' });
    expect(result).toMatchObject({ status: 'done', reason: 'removed the policy of acme-docs (1 public statement, nothing else)' });
  });

  it.each([
    { name: 'no statement is public any more', answer: ok(bucket(policy(etl, office, denyHttp))), reason: 'the policy of acme-docs no longer allows everyone' },
    { name: 'the bucket has no policy', answer: ok(bucket()), reason: 'the policy of acme-docs no longer allows everyone' },
    { name: 'the bucket is gone', answer: apiError(404, 5, 'The specified bucket does not exist'), reason: 'bucket acme-docs no longer exists' },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    api.on('GET', BUCKET, answer);

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
    expect(api.calls.map((c) => c.method)).toEqual(['GET']);
  });

  it.each([
    { name: 'the read is denied', get: apiError(403, 7, 'Permission denied'), patch: undefined, reason: 'reading the policy of acme-docs: HTTP 403 (code 7): Permission denied' },
    { name: 'the write is rejected', get: ok(bucket(policy(publicRead, etl))), patch: apiError(400, 3, 'Policy is malformed'), reason: 'updating the policy of acme-docs: HTTP 400 (code 3): Policy is malformed' },
    { name: 'the operation fails', get: ok(bucket(policy(publicRead, etl))), patch: operationFailed(14, 'Service unavailable'), reason: 'updating the policy of acme-docs: HTTP 200 (code 14): Service unavailable' },
  ])('fails with the status and message when $name', async ({ get, patch, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    api.on('GET', BUCKET, get);
    if (patch) api.on('PATCH', BUCKET, patch);

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason });
  });
});
