import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-iam-deny-policy-version.js';
import { rule } from '../../shared/rules/aws-iam-inline-policy-admin.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, queryError, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const POLICY_ARN = 'arn:aws:iam::111122223333:policy/app-deploy';

/** A finding from CreatePolicyVersion (set as default) as IAM logs it, the new version id in the response. */
function finding(versionLogged = true): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreatePolicyVersion',
    requestParameters: { policyArn: POLICY_ARN, setAsDefault: true, policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }) },
    responseElements: versionLogged ? { policyVersion: { versionId: 'v4', isDefaultVersion: true, createDate: 'Oct 1, 2026 12:00:00 PM' } } : null,
  });
  return findingFor(rule, record);
}
/** ListPolicyVersions as IAM answers it. */
const version = (id: string, date: string, isDefault = false) =>
  `<member><VersionId>${id}</VersionId><IsDefaultVersion>${isDefault}</IsDefaultVersion><CreateDate>${date}</CreateDate></member>`;
const versions = (...members: string[]) => queryOk(`<Versions>${members.join('')}</Versions><IsTruncated>false</IsTruncated>`);
const v1 = version('v1', '2026-01-10T09:00:00Z');
const v2 = version('v2', '2026-06-02T09:00:00Z');
const v3 = version('v3', '2026-09-15T09:00:00Z');
const v4Default = version('v4', '2026-10-01T12:00:00Z', true);

describe('aws-iam-deny-policy-version', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('makes the newest version created before the finding\'s the default again', async () => {
    // Prepare: listed out of order.
    const { finding: f, plan } = finding();
    aws.on('ListPolicyVersions', versions(v2, v4Default, v1, v3));
    aws.on('SetDefaultPolicyVersion', queryOk());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.action, c.params])).toEqual([
      ['iam', 'us-east-1', 'ListPolicyVersions', { PolicyArn: POLICY_ARN }],
      ['iam', 'us-east-1', 'SetDefaultPolicyVersion', { PolicyArn: POLICY_ARN, VersionId: 'v3' }],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: `made v3 the default version of ${POLICY_ARN} again (v4 kept for review, not deleted)`,
      changes: [{ policyArn: POLICY_ARN, defaultVersionBefore: 'v4', defaultVersionAfter: 'v3' }],
    });
  });

  it.each([
    { name: 'another version is the default now', answer: versions(v3, v4Default.replace('true', 'false'), version('v5', '2026-10-02T08:00:00Z', true)), reason: `v4 is no longer the default version of ${POLICY_ARN}` },
    { name: 'the version was deleted', answer: versions(version('v3', '2026-09-15T09:00:00Z', true)), reason: `v4 is no longer the default version of ${POLICY_ARN}` },
    { name: 'the policy is gone', answer: queryError(404, 'NoSuchEntity', `Policy ${POLICY_ARN} was not found.`), reason: `policy ${POLICY_ARN} no longer exists (NoSuchEntity)` },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('ListPolicyVersions', answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
    expect(aws.calls.map((c) => c.action)).toEqual(['ListPolicyVersions']);
  });

  it('fails when no earlier version exists to restore', async () => {
    // Prepare: v5 is newer than the finding's version, so it is not a predecessor.
    const { finding: f, plan } = finding();
    aws.on('ListPolicyVersions', versions(v4Default, version('v5', '2026-10-02T08:00:00Z')));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: `no earlier version of ${POLICY_ARN} to restore; detach the policy by hand` });
    expect(aws.calls.map((c) => c.action)).toEqual(['ListPolicyVersions']);
  });

  it('fails without calling AWS when the log does not show the version id', async () => {
    // Prepare
    const { finding: f, plan } = finding(false);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: `the log does not show the new version id of ${POLICY_ARN}; restore the previous version by hand` });
    expect(aws.calls).toEqual([]);
  });

  it('fails with the AWS error when the switch is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('ListPolicyVersions', versions(v3, v4Default));
    aws.on('SetDefaultPolicyVersion', queryError(403, 'AccessDenied', 'not authorized to perform: iam:SetDefaultPolicyVersion'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: `making v3 the default version of ${POLICY_ARN}: AccessDenied: not authorized to perform: iam:SetDefaultPolicyVersion` });
  });
});
