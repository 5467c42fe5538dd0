/**
 * Revoke the world-open CIDR a finding names from an RDS DB security group
 * (EC2-Classic era): `RevokeDBSecurityGroupIngress` with the group name and
 * that one `CIDRIP`. The group's other IP ranges and EC2 security groups
 * are kept.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { canonicalCidr, fromError, guarded, regionOf, targetText } from './lib/aws-common.js';
import * as t from './lib/targets.js';

/** The error codes (and the SDK's exception names) that mean the authorization or the group is gone. */
const GONE = ['AuthorizationNotFound', 'AuthorizationNotFoundFault', 'DBSecurityGroupNotFound', 'DBSecurityGroupNotFoundFault'];

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const group = targetText(plan, 'dbSecurityGroupName');
  const logged = targetText(plan, 'cidr');
  if (!group || !logged) return outcome.failed('the plan names no DB security group or CIDR');
  const cidr = canonicalCidr(logged);
  try {
    const { RevokeDBSecurityGroupIngressCommand } = await import('@aws-sdk/client-rds');
    const rds = await context.aws.rds(regionOf(finding));
    await rds.send(new RevokeDBSecurityGroupIngressCommand({ DBSecurityGroupName: group, CIDRIP: cidr }));
  } catch (error) {
    return fromError(error, `revoking ${cidr} from DB security group ${group}`, GONE, `DB security group ${group} no longer allows ${cidr}`);
  }
  return outcome.done(`revoked ${cidr} from DB security group ${group}`, [{ dbSecurityGroupName: group, cidr }]);
}

/** `aws-revoke-db-sg-ingress`: revoke the finding's world-open CIDR from a DB security group. */
export const action: RemediationAction = {
  id: 'aws-revoke-db-sg-ingress',
  cloud: 'aws',
  permissions: ['rds:RevokeDBSecurityGroupIngress'],
  resources: ['arn:{partition}:rds:*:{account}:secgrp:*'],
  target: t.target({ dbSecurityGroupName: t.dbSecurityGroupName, cidr: t.cidr }),
  description: 'Revokes the world-open CIDR the finding names from the RDS DB security group; its other authorizations are kept.',
  apply: guarded('aws-revoke-db-sg-ingress', apply),
};
