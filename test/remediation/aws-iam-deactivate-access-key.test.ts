import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-iam-deactivate-access-key.js';
import { rule } from '../../shared/rules/aws-iam-credentials-for-other-user.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, queryError, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord, rootIdentity } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const KEY = 'AKIAEXAMPLENEWKEY001';

/** A finding from CreateAccessKey as IAM logs it; the default caller is the IAM user `dev-alice`. */
function finding(userName: string | undefined, options: { root?: boolean; keyLogged?: boolean } = {}): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    ...(options.root && { userIdentity: rootIdentity() }),
    requestParameters: userName ? { userName } : null,
    responseElements:
      options.keyLogged === false
        ? null
        : { accessKey: { accessKeyId: KEY, status: 'Active', ...(userName && { userName }), createDate: 'Oct 1, 2026 12:00:00 PM' } },
  });
  return findingFor(rule, record);
}

describe('aws-iam-deactivate-access-key', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it.each([
    { name: 'another user', userName: 'svc-report', root: false },
    { name: 'a user, made by root', userName: 'ops-bot', root: true },
  ])('deactivates the key created for $name', async ({ userName, root }) => {
    // Prepare
    const { finding: f, plan } = finding(userName, { root });
    aws.on('UpdateAccessKey', queryOk());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.action, c.params])).toEqual([
      ['iam', 'us-east-1', 'UpdateAccessKey', { UserName: userName, AccessKeyId: KEY, Status: 'Inactive' }],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: `deactivated access key ${KEY} of ${userName} (not deleted)`,
      changes: [{ userName, accessKeyId: KEY, status: 'Inactive' }],
    });
  });

  it('skips a root access key without calling AWS', async () => {
    // Prepare
    const { finding: f, plan } = finding(undefined, { root: true });

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({
      status: 'skipped',
      reason: `${KEY} is a root user access key: only the root user can manage root access keys; deactivate it by signing in as root`,
    });
    expect(aws.calls).toEqual([]);
  });

  it('fails without calling AWS when the log does not show the key id', async () => {
    // Prepare
    const { finding: f, plan } = finding('svc-report', { keyLogged: false });

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: 'the log does not show the new access key id; find and deactivate the key by hand' });
    expect(aws.calls).toEqual([]);
  });

  it('is already fixed when the key is gone', async () => {
    // Prepare
    const { finding: f, plan } = finding('svc-report');
    aws.on('UpdateAccessKey', queryError(404, 'NoSuchEntity', `The Access Key with id ${KEY} cannot be found.`));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: `access key ${KEY} of svc-report no longer exists (NoSuchEntity)` });
  });

  it('fails with the AWS error when the call is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding('svc-report');
    aws.on('UpdateAccessKey', queryError(403, 'AccessDenied', 'not authorized to perform: iam:UpdateAccessKey'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason: `deactivating access key ${KEY} of svc-report: AccessDenied: not authorized to perform: iam:UpdateAccessKey` });
  });
});
