/**
 * Delete the console password a finding saw set for another user
 * (`DeleteLoginProfile`). The user's access keys, groups and policies are
 * kept; the user can be given a new password with a forced change.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, targetText } from './lib/aws-common.js';
import * as t from './lib/targets.js';

const GONE = ['NoSuchEntity'];

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const UserName = targetText(plan, 'userName');
  if (!UserName) return outcome.failed('the plan names no user');
  try {
    const { DeleteLoginProfileCommand } = await import('@aws-sdk/client-iam');
    const iam = await context.aws.iam();
    await iam.send(new DeleteLoginProfileCommand({ UserName }));
  } catch (error) {
    return fromError(error, `deleting the console password of ${UserName}`, GONE, `${UserName} has no console password any more`);
  }
  return outcome.done(`deleted the console password of ${UserName}`, [{ userName: UserName, loginProfileDeleted: true }]);
}

/** `aws-iam-delete-login-profile`: delete the console password set for another user. */
export const action: RemediationAction = {
  id: 'aws-iam-delete-login-profile',
  cloud: 'aws',
  permissions: ['iam:DeleteLoginProfile'],
  resources: ['arn:{partition}:iam::{account}:user/*'],
  target: t.target({ userName: t.iamUserName }),
  description: "Deletes the console password (login profile) the finding saw set for another user; the user's keys and permissions are kept.",
  apply: guarded('aws-iam-delete-login-profile', apply),
};
