/**
 * Detach the managed policy a finding names from the user, role or group it
 * was attached to (`DetachUserPolicy` / `DetachRolePolicy` /
 * `DetachGroupPolicy`). The principal's other policies are kept.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, targetText } from './lib/aws-common.js';
import { planPrincipal } from './lib/aws-iam-principal.js';
import * as t from './lib/targets.js';

const GONE = ['NoSuchEntity'];

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const principal = planPrincipal(plan);
  const PolicyArn = targetText(plan, 'policyArn');
  if (typeof principal === 'string') return outcome.failed(principal);
  if (!PolicyArn) return outcome.failed('the plan names no policy');
  const { kind, name } = principal;
  const who = `${kind} ${name}`;
  try {
    const sdk = await import('@aws-sdk/client-iam');
    const iam = await context.aws.iam();
    if (kind === 'user') await iam.send(new sdk.DetachUserPolicyCommand({ UserName: name, PolicyArn }));
    else if (kind === 'role') await iam.send(new sdk.DetachRolePolicyCommand({ RoleName: name, PolicyArn }));
    else await iam.send(new sdk.DetachGroupPolicyCommand({ GroupName: name, PolicyArn }));
  } catch (error) {
    return fromError(error, `detaching ${PolicyArn} from ${who}`, GONE, `${PolicyArn} is no longer attached to ${who}`);
  }
  return outcome.done(`detached ${PolicyArn} from ${who}`, [{ principalType: kind, principalName: name, detachedPolicyArn: PolicyArn }]);
}

/** `aws-iam-detach-policy`: detach the finding's managed policy from its user, role or group. */
export const action: RemediationAction = {
  id: 'aws-iam-detach-policy',
  cloud: 'aws',
  permissions: ['iam:DetachUserPolicy', 'iam:DetachRolePolicy', 'iam:DetachGroupPolicy'],
  resources: ['arn:{partition}:iam::{account}:user/*', 'arn:{partition}:iam::{account}:role/*', 'arn:{partition}:iam::{account}:group/*'],
  target: t.target({ principalType: t.iamPrincipalType, principalName: t.iamPrincipalName, policyArn: t.iamPolicyArn }),
  description: 'Detaches the managed policy the finding names from the user, role or group; its other policies are kept.',
  apply: guarded('aws-iam-detach-policy', apply),
};
