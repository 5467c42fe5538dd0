/**
 * Remove exactly the create-volume permissions a finding names (group
 * `all`, outside accounts) from an EBS snapshot: read the current attribute
 * (`DescribeSnapshotAttribute`), remove only the values still present
 * (`ModifySnapshotAttribute` remove), keep every other share.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import * as t from './lib/targets.js';
import { fromError, guarded, regionOf, targetText } from './lib/aws-common.js';
import { ec2Entries, planValues } from './lib/aws-shares.js';
import { planRegion } from './lib/aws-optional-clients.js';

const GONE = ['InvalidSnapshot.NotFound', 'InvalidSnapshotID.Malformed'];

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const id = targetText(plan, 'snapshotId');
  const values = planValues(plan);
  if (!id || values.length === 0) return outcome.failed('the plan names no snapshot or no share to remove');
  const sdk = await import('@aws-sdk/client-ec2');
  const ec2 = await context.aws.ec2(planRegion(plan.target, regionOf(finding)));
  const gone = `snapshot ${id} no longer exists`;
  let remove: ReturnType<typeof ec2Entries>;
  try {
    const current = await ec2.send(new sdk.DescribeSnapshotAttributeCommand({ SnapshotId: id, Attribute: 'createVolumePermission' }));
    remove = ec2Entries(values, current.CreateVolumePermissions ?? []);
  } catch (error) {
    return fromError(error, `reading the permissions of ${id}`, GONE, gone);
  }
  if (remove.length === 0) return outcome.alreadyFixed(`${id} is no longer shared with ${values.join(', ')}`);
  try {
    await ec2.send(new sdk.ModifySnapshotAttributeCommand({ SnapshotId: id, Attribute: 'createVolumePermission', OperationType: 'remove', CreateVolumePermission: { Remove: remove } }));
  } catch (error) {
    return fromError(error, `removing the permissions of ${id}`, GONE, gone);
  }
  const removed = remove.map((r) => r.Group ?? r.UserId ?? '');
  return outcome.done(`removed the create-volume permission of ${removed.join(', ')} from ${id}`, [{ snapshotId: id, removed }]);
}

/** `aws-ec2-snapshot-unshare`. */
export const action: RemediationAction = {
  id: 'aws-ec2-snapshot-unshare',
  cloud: 'aws',
  permissions: ['ec2:DescribeSnapshotAttribute', 'ec2:ModifySnapshotAttribute'],
  resources: ['arn:{partition}:ec2:*::snapshot/*'],
  // EC2 snapshot ARNs carry no account (`arn:aws:ec2:region::snapshot/id`): conditioned on aws:ResourceAccount.
  accountCondition: true,
  target: t.target({ snapshotId: t.snapshotId }),
  description: 'Removes the public (group all) or outside-account create-volume permissions named by the finding from the snapshot; other shares stay.',
  apply: guarded('aws-ec2-snapshot-unshare', apply),
};
