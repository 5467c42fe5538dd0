/**
 * Take the user a finding names out of the group it was added to
 * (`RemoveUserFromGroup`). The user's other groups and the group's other
 * members are kept.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, targetText } from './lib/aws-common.js';
import * as t from './lib/targets.js';

const GONE = ['NoSuchEntity'];

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const GroupName = targetText(plan, 'groupName');
  const UserName = targetText(plan, 'userName');
  if (!GroupName || !UserName) return outcome.failed('the plan names no group or user');
  try {
    const { RemoveUserFromGroupCommand } = await import('@aws-sdk/client-iam');
    const iam = await context.aws.iam();
    await iam.send(new RemoveUserFromGroupCommand({ GroupName, UserName }));
  } catch (error) {
    return fromError(error, `removing user ${UserName} from group ${GroupName}`, GONE, `user ${UserName} is no longer in group ${GroupName}`);
  }
  return outcome.done(`removed user ${UserName} from group ${GroupName}`, [{ groupName: GroupName, removedUserName: UserName }]);
}

/** `aws-iam-remove-user-from-group`: remove the finding's user from the group. */
export const action: RemediationAction = {
  id: 'aws-iam-remove-user-from-group',
  cloud: 'aws',
  permissions: ['iam:RemoveUserFromGroup'],
  resources: ['arn:{partition}:iam::{account}:group/*'],
  target: t.target({ groupName: t.iamGroupName, userName: t.iamUserName }),
  description: 'Removes the user the finding names from the group it was added to; other memberships are kept.',
  apply: guarded('aws-iam-remove-user-from-group', apply),
};
