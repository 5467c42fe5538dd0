import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-iam-detach-policy.js';
import { rule } from '../../shared/rules/aws-iam-admin-policy-attached.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, queryError, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** A finding from AttachUserPolicy / AttachRolePolicy / AttachGroupPolicy as IAM logs them. */
function finding(eventName: string, target: { userName?: string; roleName?: string; groupName?: string }): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName, requestParameters: { ...target, policyArn: ADMIN } });
  return findingFor(rule, record);
}

describe('aws-iam-detach-policy', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it.each([
    { kind: 'user', event: 'AttachUserPolicy', target: { userName: 'svc-report' }, call: 'DetachUserPolicy', params: { UserName: 'svc-report', PolicyArn: ADMIN } },
    { kind: 'role', event: 'AttachRolePolicy', target: { roleName: 'backdoor' }, call: 'DetachRolePolicy', params: { RoleName: 'backdoor', PolicyArn: ADMIN } },
    { kind: 'group', event: 'AttachGroupPolicy', target: { groupName: 'developers' }, call: 'DetachGroupPolicy', params: { GroupName: 'developers', PolicyArn: ADMIN } },
  ])('detaches the policy from a $kind with $call', async ({ kind, event, target, call, params }) => {
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
      reason: `detached ${ADMIN} from ${kind} ${name}`,
      changes: [{ principalType: kind, principalName: name, detachedPolicyArn: ADMIN }],
    });
  });

  it('is already fixed when the policy is no longer attached', async () => {
    // Prepare
    const { finding: f, plan } = finding('AttachRolePolicy', { roleName: 'backdoor' });
    aws.on('DetachRolePolicy', queryError(404, 'NoSuchEntity', `Policy ${ADMIN} was not found.`));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: `${ADMIN} is no longer attached to role backdoor (NoSuchEntity)` });
  });

  it('fails with the AWS error when the call is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding('AttachUserPolicy', { userName: 'svc-report' });
    aws.on('DetachUserPolicy', queryError(403, 'AccessDenied', 'User: arn:aws:sts::111122223333:assumed-role/responder/fn is not authorized to perform: iam:DetachUserPolicy'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({
      status: 'failed',
      reason: `detaching ${ADMIN} from user svc-report: AccessDenied: User: arn:aws:sts::111122223333:assumed-role/responder/fn is not authorized to perform: iam:DetachUserPolicy`,
    });
  });
});
