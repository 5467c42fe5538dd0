import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-ec2-ami-unshare.js';
import { rule } from '../../shared/rules/aws-ec2-ami-shared.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, ec2Error, ec2Ok, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const AMI = 'ami-0abc1234def567890';

function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({ eventSource: 'ec2.amazonaws.com', eventName: 'ModifyImageAttribute', requestParameters: { imageId: AMI, attributeType: 'launchPermission', launchPermission: { add: { items: [{ userId: '444455556666' }] } } } });
  return findingFor(rule, record);
}
const permissions = (...items: string[]) => ec2Ok(`<imageId>${AMI}</imageId><launchPermission>${items.join('')}</launchPermission>`);

describe('aws-ec2-ami-unshare', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('removes the outside account and keeps the other launch permissions', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeImageAttribute', permissions('<item><userId>444455556666</userId></item>', '<item><userId>777788889999</userId></item>'));
    aws.on('ModifyImageAttribute', ec2Ok());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => c.action)).toEqual(['DescribeImageAttribute', 'ModifyImageAttribute']);
    expect(aws.calls[1]?.params).toEqual({ ImageId: AMI, 'LaunchPermission.Remove.1.UserId': '444455556666' });
    expect(result).toMatchObject({ status: 'done', reason: `removed the launch permission of 444455556666 from ${AMI}` });
  });

  it.each([
    { name: 'the share is gone', answer: permissions(), reason: `${AMI} is no longer shared with 444455556666` },
    { name: 'the evidence is gone and a public launch permission is present (untouched: another finding)', answer: permissions('<item><group>all</group></item>', '<item><userId>777788889999</userId></item>'), reason: `${AMI} is no longer shared with 444455556666` },
    { name: 'the image is gone', answer: ec2Error('InvalidAMIID.NotFound', 'no image'), reason: `image ${AMI} no longer exists (InvalidAMIID.NotFound)` },
  ])('is already fixed when $name', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeImageAttribute', answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls).toHaveLength(1);
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it('fails with the AWS error when reading is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeImageAttribute', ec2Error('UnauthorizedOperation', 'denied', 403));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toMatchObject({ status: 'failed', reason: `reading the launch permissions of ${AMI}: UnauthorizedOperation: denied` });
  });
});
