import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-iam-delete-login-profile.js';
import { rule } from '../../shared/rules/aws-iam-credentials-for-other-user.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, queryError, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

/** A finding from CreateLoginProfile / UpdateLoginProfile as IAM logs them (the password is never logged). */
function finding(eventName: string): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName,
    requestParameters: { userName: 'carol', passwordResetRequired: false },
    responseElements: eventName === 'CreateLoginProfile' ? { loginProfile: { userName: 'carol', createDate: 'Oct 1, 2026 12:00:00 PM', passwordResetRequired: false } } : null,
  });
  return findingFor(rule, record);
}

describe('aws-iam-delete-login-profile', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it.each([{ event: 'CreateLoginProfile' }, { event: 'UpdateLoginProfile' }])('deletes the console password set by $event', async ({ event }) => {
    // Prepare
    const { finding: f, plan } = finding(event);
    aws.on('DeleteLoginProfile', queryOk());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.action, c.params])).toEqual([['iam', 'us-east-1', 'DeleteLoginProfile', { UserName: 'carol' }]]);
    expect(result).toEqual({ status: 'done', reason: 'deleted the console password of carol', changes: [{ userName: 'carol', loginProfileDeleted: true }] });
  });

  it('is already fixed when the user has no password any more', async () => {
    // Prepare
    const { finding: f, plan } = finding('CreateLoginProfile');
    aws.on('DeleteLoginProfile', queryError(404, 'NoSuchEntity', 'Login Profile for User carol cannot be found.'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: 'carol has no console password any more (NoSuchEntity)' });
  });

  it('fails with the AWS error when the entity is being modified', async () => {
    // Prepare
    const { finding: f, plan } = finding('CreateLoginProfile');
    aws.on('DeleteLoginProfile', queryError(409, 'EntityTemporarilyUnmodifiable', 'Login Profile for User carol cannot be modified while login profile is being created.'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({
      status: 'failed',
      reason: 'deleting the console password of carol: EntityTemporarilyUnmodifiable: Login Profile for User carol cannot be modified while login profile is being created.',
    });
  });
});
