/**
 * Containment for a role that anyone or an outside account can assume. The
 * log does not hold the previous trust policy, so it cannot be restored:
 * instead the CURRENT trust policy is read (`GetRole`), the Allow statements
 * that trust `*` without a condition restricting the callers are dropped,
 * and the plan's `trusted` outside accounts are taken out of the `AWS`
 * principals; the rest is written back (`UpdateAssumeRolePolicy`). A trust
 * policy cannot be empty, so when nothing would remain the trust is left as
 * it is and an inline policy `audit-responder-containment` that denies
 * everything is put on the role (`PutRolePolicy`): whoever assumes it can do
 * nothing until someone fixes the trust by hand and deletes that policy.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, targetList, targetText } from './lib/aws-common.js';
import { containTrust, readTrustDocument } from './lib/aws-trust-policy.js';
import { z } from 'zod';
import * as t from './lib/targets.js';

const GONE = ['NoSuchEntity'];

/** The inline policy put on a role whose every trust statement was offending. */
export const CONTAINMENT_POLICY_NAME = 'audit-responder-containment';
const DENY_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'AuditResponderContainment', Effect: 'Deny', Action: '*', Resource: '*' }],
});

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const RoleName = targetText(plan, 'roleName');
  if (!RoleName) return outcome.failed('the plan names no role');
  const gone = `role ${RoleName} no longer exists`;
  const sdk = await import('@aws-sdk/client-iam');
  const iam = await context.aws.iam();

  let text: string;
  try {
    text = (await iam.send(new sdk.GetRoleCommand({ RoleName }))).Role?.AssumeRolePolicyDocument ?? '';
  } catch (error) {
    return fromError(error, `reading role ${RoleName}`, GONE, gone);
  }
  const doc = readTrustDocument(text);
  if (!doc) return outcome.failed(`the trust policy of role ${RoleName} is not a JSON policy document`);
  const edit = containTrust(doc, targetList(plan, 'trusted'));
  if (edit.removed.length === 0 && edit.removedPrincipals.length === 0) {
    return outcome.alreadyFixed(`the trust policy of role ${RoleName} no longer trusts anyone or the outside accounts`);
  }
  const what = { roleName: RoleName, removedStatements: edit.removed, removedPrincipals: edit.removedPrincipals };

  if (edit.kept.length === 0) {
    try {
      await iam.send(new sdk.PutRolePolicyCommand({ RoleName, PolicyName: CONTAINMENT_POLICY_NAME, PolicyDocument: DENY_ALL }));
    } catch (error) {
      return fromError(error, `putting the containment policy on role ${RoleName}`, GONE, gone);
    }
    return outcome.done(
      `every trust statement of role ${RoleName} was offending and a trust policy cannot be empty: put inline policy ${CONTAINMENT_POLICY_NAME} denying * on * instead (trust left as is; fix it and delete that policy by hand)`,
      [{ ...what, containmentPolicy: CONTAINMENT_POLICY_NAME }],
    );
  }
  try {
    await iam.send(new sdk.UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument: JSON.stringify(edit.document) }));
  } catch (error) {
    return fromError(error, `updating the trust policy of role ${RoleName}`, GONE, gone);
  }
  const parts = [
    ...(edit.removed.length > 0 ? [`removed ${edit.removed.length} statement(s)`] : []),
    ...(edit.removedPrincipals.length > 0 ? [`took out ${[...new Set(edit.removedPrincipals)].join(', ')}`] : []),
  ];
  return outcome.done(`${parts.join(' and ')} from the trust policy of role ${RoleName}, kept ${edit.kept.length} statement(s)`, [
    { ...what, keptStatements: edit.kept },
  ]);
}

/** `aws-iam-deny-role-trust`: containment for a role trusted by anyone or an outside account. */
export const action: RemediationAction = {
  id: 'aws-iam-deny-role-trust',
  cloud: 'aws',
  permissions: ['iam:GetRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy'],
  resources: ['arn:{partition}:iam::{account}:role/*'],
  target: t.target({ roleName: t.iamRoleName, trusted: z.array(z.string()).optional() }),
  description: `Containment: removes the trust to anyone and to the outside accounts from the role's current trust policy, keeping the rest; if nothing would remain, puts an inline policy ${CONTAINMENT_POLICY_NAME} denying everything instead.`,
  apply: guarded('aws-iam-deny-role-trust', apply),
};
