import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-iam-delete-inline-policy.js';
import { rule } from '../../shared/rules/aws-iam-inline-policy-admin.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, queryError, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

/** A finding from PutUserPolicy / PutRolePolicy / PutGroupPolicy as IAM logs them (the document is a JSON string). */
function finding(eventName: string, target: { userName?: string; roleName?: string; groupName?: string }): { finding: Finding; plan: RemediationPlan } {
  const policyDocument = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  const record = cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName, requestParameters: { ...target, policyName: 'inline-ops', policyDocument } });
  return findingFor(rule, record);
}

describe('aws-iam-delete-inline-policy', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it.each([
    { kind: 'user', event: 'PutUserPolicy', target: { userName: 'bob' }, call: 'DeleteUserPolicy', params: { UserName: 'bob', PolicyName: 'inline-ops' } },
    { kind: 'role', event: 'PutRolePolicy', target: { roleName: 'ci-deploy' }, call: 'DeleteRolePolicy', params: { RoleName: 'ci-deploy', PolicyName: 'inline-ops' } },
    { kind: 'group', event: 'PutGroupPolicy', target: { groupName: 'ops' }, call: 'DeleteGroupPolicy', params: { GroupName: 'ops', PolicyName: 'inline-ops' } },
  ])('deletes the inline policy of a $kind with $call', async ({ kind, event, target, call, params }) => {
    // Prepare
    const { finding: f, plan } = finding(event, target);
    aws.on(call, queryOk());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    const name = Object.values(target)[0];
    expect(aws.calls.map((c) => [c.service, c.region, c.action, c.params])).toEqual([['iam', 'us-east-1', call, params]]);
    expect(result).toEqual({
      status: 'done',
      reason: `deleted inline policy inline-ops of ${kind} ${name}`,
      changes: [{ principalType: kind, principalName: name, deletedPolicyName: 'inline-ops' }],
    });
  });

  it('is already fixed when the policy or the principal is gone', async () => {
    // Prepare
    const { finding: f, plan } = finding('PutUserPolicy', { userName: 'bob' });
    aws.on('DeleteUserPolicy', queryError(404, 'NoSuchEntity', 'The user policy with name inline-ops cannot be found.'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: 'inline policy inline-ops of user bob no longer exists (NoSuchEntity)' });
  });

  it('fails with the AWS error when IAM is throttling', async () => {
    // Prepare
    const { finding: f, plan } = finding('PutRolePolicy', { roleName: 'ci-deploy' });
    aws.on('DeleteRolePolicy', queryError(400, 'Throttling', 'Rate exceeded'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: 'deleting inline policy inline-ops of role ci-deploy: Throttling: Rate exceeded' });
  });
});
