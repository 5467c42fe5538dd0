/**
 * Delete the inline policy a finding names from its user, role or group
 * (`DeleteUserPolicy` / `DeleteRolePolicy` / `DeleteGroupPolicy`). The
 * principal's other inline and managed policies are kept.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, targetText } from './lib/aws-common.js';
import { planPrincipal } from './lib/aws-iam-principal.js';
import * as t from './lib/targets.js';

const GONE = ['NoSuchEntity'];

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const principal = planPrincipal(plan);
  const PolicyName = targetText(plan, 'policyName');
  if (typeof principal === 'string') return outcome.failed(principal);
  if (!PolicyName) return outcome.failed('the plan names no inline policy');
  const { kind, name } = principal;
  const what = `inline policy ${PolicyName} of ${kind} ${name}`;
  try {
    const sdk = await import('@aws-sdk/client-iam');
    const iam = await context.aws.iam();
    if (kind === 'user') await iam.send(new sdk.DeleteUserPolicyCommand({ UserName: name, PolicyName }));
    else if (kind === 'role') await iam.send(new sdk.DeleteRolePolicyCommand({ RoleName: name, PolicyName }));
    else await iam.send(new sdk.DeleteGroupPolicyCommand({ GroupName: name, PolicyName }));
  } catch (error) {
    return fromError(error, `deleting ${what}`, GONE, `${what} no longer exists`);
  }
  return outcome.done(`deleted ${what}`, [{ principalType: kind, principalName: name, deletedPolicyName: PolicyName }]);
}

/** `aws-iam-delete-inline-policy`: delete the finding's inline policy from its user, role or group. */
export const action: RemediationAction = {
  id: 'aws-iam-delete-inline-policy',
  cloud: 'aws',
  permissions: ['iam:DeleteUserPolicy', 'iam:DeleteRolePolicy', 'iam:DeleteGroupPolicy'],
  resources: ['arn:{partition}:iam::{account}:user/*', 'arn:{partition}:iam::{account}:role/*', 'arn:{partition}:iam::{account}:group/*'],
  target: t.target({ principalType: t.iamPrincipalType, principalName: t.iamPrincipalName, policyName: t.iamPolicyName }),
  description: 'Deletes the inline policy the finding names from the user, role or group; its other policies are kept.',
  apply: guarded('aws-iam-delete-inline-policy', apply),
};
