/**
 * Deactivate the access key a finding names (`UpdateAccessKey` with
 * `Status: Inactive`, for the plan's user). The key is not deleted, so it
 * can be turned back on if it was legitimate. A root user's key is skipped:
 * only the root user can manage the root user's access keys.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, targetText } from './lib/aws-common.js';
import * as t from './lib/targets.js';

const GONE = ['NoSuchEntity'];

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const AccessKeyId = targetText(plan, 'accessKeyId');
  const UserName = targetText(plan, 'userName');
  if (!AccessKeyId) return outcome.failed('the log does not show the new access key id; find and deactivate the key by hand');
  if (!UserName) {
    return outcome.skipped(`${AccessKeyId} is a root user access key: only the root user can manage root access keys; deactivate it by signing in as root`);
  }
  try {
    const { UpdateAccessKeyCommand } = await import('@aws-sdk/client-iam');
    const iam = await context.aws.iam();
    await iam.send(new UpdateAccessKeyCommand({ UserName, AccessKeyId, Status: 'Inactive' }));
  } catch (error) {
    return fromError(error, `deactivating access key ${AccessKeyId} of ${UserName}`, GONE, `access key ${AccessKeyId} of ${UserName} no longer exists`);
  }
  return outcome.done(`deactivated access key ${AccessKeyId} of ${UserName} (not deleted)`, [{ userName: UserName, accessKeyId: AccessKeyId, status: 'Inactive' }]);
}

/** `aws-iam-deactivate-access-key`: deactivate the finding's new access key. */
export const action: RemediationAction = {
  id: 'aws-iam-deactivate-access-key',
  cloud: 'aws',
  permissions: ['iam:UpdateAccessKey'],
  resources: ['arn:{partition}:iam::{account}:user/*'],
  target: t.target({ userName: t.iamUserName.nullable().optional(), accessKeyId: t.accessKeyId.nullable().optional() }),
  description: 'Deactivates (does not delete) the access key the finding names; root user keys are skipped, since only root can manage them.',
  apply: guarded('aws-iam-deactivate-access-key', apply),
};
