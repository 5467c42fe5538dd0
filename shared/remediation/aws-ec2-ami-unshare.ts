/**
 * Remove exactly the launch permissions a finding names (group `all`,
 * outside accounts) from an AMI: read the current attribute
 * (`DescribeImageAttribute`), remove only the values still present
 * (`ModifyImageAttribute`), keep every other share.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import * as t from './lib/targets.js';
import { fromError, guarded, regionOf, targetText } from './lib/aws-common.js';
import { ec2Entries, planValues } from './lib/aws-shares.js';
import { planRegion } from './lib/aws-optional-clients.js';

const GONE = ['InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable'];

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const id = targetText(plan, 'imageId');
  const values = planValues(plan);
  if (!id || values.length === 0) return outcome.failed('the plan names no image or no share to remove');
  const sdk = await import('@aws-sdk/client-ec2');
  const ec2 = await context.aws.ec2(planRegion(plan.target, regionOf(finding)));
  const gone = `image ${id} no longer exists`;
  let remove: ReturnType<typeof ec2Entries>;
  try {
    const current = await ec2.send(new sdk.DescribeImageAttributeCommand({ ImageId: id, Attribute: 'launchPermission' }));
    remove = ec2Entries(values, current.LaunchPermissions ?? []);
  } catch (error) {
    return fromError(error, `reading the launch permissions of ${id}`, GONE, gone);
  }
  if (remove.length === 0) return outcome.alreadyFixed(`${id} is no longer shared with ${values.join(', ')}`);
  try {
    await ec2.send(new sdk.ModifyImageAttributeCommand({ ImageId: id, LaunchPermission: { Remove: remove } }));
  } catch (error) {
    return fromError(error, `removing the launch permissions of ${id}`, GONE, gone);
  }
  const removed = remove.map((r) => r.Group ?? r.UserId ?? '');
  return outcome.done(`removed the launch permission of ${removed.join(', ')} from ${id}`, [{ imageId: id, removed }]);
}

/** `aws-ec2-ami-unshare`. */
export const action: RemediationAction = {
  id: 'aws-ec2-ami-unshare',
  cloud: 'aws',
  permissions: ['ec2:DescribeImageAttribute', 'ec2:ModifyImageAttribute'],
  resources: ['arn:{partition}:ec2:*::image/*'],
  // EC2 image ARNs carry no account (`arn:aws:ec2:region::image/id`): conditioned on aws:ResourceAccount.
  accountCondition: true,
  target: t.target({ imageId: t.imageId }),
  description: 'Removes the public (group all) or outside-account launch permissions named by the finding from the AMI; other shares stay.',
  apply: guarded('aws-ec2-ami-unshare', apply),
};
