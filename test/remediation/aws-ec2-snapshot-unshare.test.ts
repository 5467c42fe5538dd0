import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-ec2-snapshot-unshare.js';
import { rule } from '../../shared/rules/aws-ec2-snapshot-shared.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, ec2Error, ec2Ok, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const SNAP = 'snap-0a1b2c3d4e5f60718';

function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifySnapshotAttribute',
    requestParameters: { snapshotId: SNAP, attributeType: 'CREATE_VOLUME_PERMISSION', createVolumePermission: { add: { items: [{ group: 'all' }, { userId: '444455556666' }] } } },
  });
  return findingFor(rule, record);
}
const permissions = (...items: string[]) => ec2Ok(`<snapshotId>${SNAP}</snapshotId><createVolumePermission>${items.join('')}</createVolumePermission>`);

describe('aws-ec2-snapshot-unshare', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('removes only the named shares that are still present', async () => {
    // Prepare: all and 444455556666 were added; a partner share 777788889999 stays.
    const { finding: f, plan } = finding();
    aws.on('DescribeSnapshotAttribute', permissions('<item><group>all</group></item>', '<item><userId>777788889999</userId></item>'));
    aws.on('ModifySnapshotAttribute', ec2Ok());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.action])).toEqual([
      ['ec2', 'eu-west-1', 'DescribeSnapshotAttribute'],
      ['ec2', 'eu-west-1', 'ModifySnapshotAttribute'],
    ]);
    expect(aws.calls[1]?.params).toEqual({ SnapshotId: SNAP, Attribute: 'createVolumePermission', OperationType: 'remove', 'CreateVolumePermission.Remove.1.Group': 'all' });
    expect(result).toEqual({ status: 'done', reason: `removed the create-volume permission of all from ${SNAP}`, changes: [{ snapshotId: SNAP, removed: ['all'] }] });
  });

  it.each([
    { name: 'the shares are gone', answer: permissions('<item><userId>777788889999</userId></item>'), reason: `${SNAP} is no longer shared with all, 444455556666` },
    { name: 'the evidence is gone and another outside share is present (untouched)', answer: permissions('<item><userId>777788889999</userId></item>', '<item><userId>111122223333</userId></item>'), reason: `${SNAP} is no longer shared with all, 444455556666` },
    { name: 'the snapshot is gone', answer: ec2Error('InvalidSnapshot.NotFound', 'not found'), reason: `snapshot ${SNAP} no longer exists (InvalidSnapshot.NotFound)` },
  ])('is already fixed when $name', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeSnapshotAttribute', answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => c.action)).toEqual(['DescribeSnapshotAttribute']);
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it('fails with the AWS error when the change is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeSnapshotAttribute', permissions('<item><group>all</group></item>'));
    aws.on('ModifySnapshotAttribute', ec2Error('UnauthorizedOperation', 'not allowed', 403));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toMatchObject({ status: 'failed', reason: `removing the permissions of ${SNAP}: UnauthorizedOperation: not allowed` });
  });
});
