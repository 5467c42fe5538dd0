import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-iam-remove-user-from-group.js';
import { rule } from '../../shared/rules/aws-iam-user-added-to-group.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, queryError, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

/** A finding from AddUserToGroup as IAM logs it (no response body). */
function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'AddUserToGroup', requestParameters: { groupName: 'Admins', userName: 'mallory' } });
  return findingFor(rule, record);
}

describe('aws-iam-remove-user-from-group', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('removes the user from the group', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('RemoveUserFromGroup', queryOk());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.action, c.params])).toEqual([
      ['iam', 'us-east-1', 'RemoveUserFromGroup', { GroupName: 'Admins', UserName: 'mallory' }],
    ]);
    expect(result).toEqual({ status: 'done', reason: 'removed user mallory from group Admins', changes: [{ groupName: 'Admins', removedUserName: 'mallory' }] });
  });

  it.each([
    { name: 'the user is no longer a member', message: 'The user with name mallory is not in group Admins.' },
    { name: 'the group is gone', message: 'The group with name Admins cannot be found.' },
  ])('is already fixed when $name', async ({ message }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('RemoveUserFromGroup', queryError(404, 'NoSuchEntity', message));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: 'user mallory is no longer in group Admins (NoSuchEntity)' });
  });

  it('fails with the AWS error when the call is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('RemoveUserFromGroup', queryError(403, 'AccessDenied', 'not authorized to perform: iam:RemoveUserFromGroup'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: 'removing user mallory from group Admins: AccessDenied: not authorized to perform: iam:RemoveUserFromGroup' });
  });
});
