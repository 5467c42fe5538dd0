/**
 * Revoke the world-open ingress rules a finding names from an EC2 security
 * group (`RevokeSecurityGroupIngress`): by their `sgr-` ids when the log
 * gave every one of them, else by their exact content (protocol, ports and
 * the one CIDR: IPv4 in `IpRanges`, IPv6 in `Ipv6Ranges`). Other rules of
 * the group, and other CIDRs on the same ports, are kept.
 */
import type { IpPermission, RevokeSecurityGroupIngressCommandInput } from '@aws-sdk/client-ec2';
import type { Finding, JsonValue, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { canonicalCidr, fromError, guarded, regionOf, targetList, targetText } from './lib/aws-common.js';
import { z } from 'zod';
import * as t from './lib/targets.js';
import { isJsonObject as isObject } from '../lib/guards.js';

const GONE = ['InvalidPermission.NotFound', 'InvalidSecurityGroupRuleId.NotFound', 'InvalidGroup.NotFound'];

type Json = { readonly [key: string]: JsonValue };

/** The EC2 form of one plan permission `{protocol, fromPort, toPort, cidr}`. */
function toIpPermission(p: Json): IpPermission | undefined {
  if (typeof p.cidr !== 'string') return undefined;
  const cidr = canonicalCidr(p.cidr);
  const ports = {
    ...(typeof p.fromPort === 'number' && { FromPort: p.fromPort }),
    ...(typeof p.toPort === 'number' && { ToPort: p.toPort }),
  };
  const ranges = cidr.includes(':') ? { Ipv6Ranges: [{ CidrIpv6: cidr }] } : { IpRanges: [{ CidrIp: cidr }] };
  return { IpProtocol: typeof p.protocol === 'string' ? p.protocol : '-1', ...ports, ...ranges };
}

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const group = targetText(plan, 'groupId');
  if (!group) return outcome.failed('the plan names no security group');
  const ruleIds = targetList(plan, 'ruleIds').filter((id): id is string => typeof id === 'string');
  const planned = targetList(plan, 'permissions').filter(isObject);
  const permissions = planned.flatMap((p) => toIpPermission(p) ?? []);
  if (ruleIds.length === 0 && permissions.length === 0) return outcome.failed(`the plan names no rule of ${group}`);
  // Classic/default-VPC requests may name the group instead of its id.
  const input: RevokeSecurityGroupIngressCommandInput = {
    ...(group.startsWith('sg-') ? { GroupId: group } : { GroupName: group }),
    ...(permissions.length > 0 ? { IpPermissions: permissions } : { SecurityGroupRuleIds: ruleIds }),
  };
  const what = permissions.length > 0 ? `${permissions.length} permission(s)` : ruleIds.join(', ');
  try {
    const { RevokeSecurityGroupIngressCommand } = await import('@aws-sdk/client-ec2');
    const ec2 = await context.aws.ec2(regionOf(finding));
    const answer = await ec2.send(new RevokeSecurityGroupIngressCommand(input));
    const unknown = answer.UnknownIpPermissions ?? [];
    if (permissions.length > 0 && unknown.length >= permissions.length) {
      return outcome.alreadyFixed(`${group} no longer has those rules`);
    }
    const revoked = (answer.RevokedSecurityGroupRules ?? []).flatMap((r) => (r.SecurityGroupRuleId ? [r.SecurityGroupRuleId] : []));
    const change: Json = {
      groupId: group,
      ...(permissions.length > 0 ? { permissions: planned } : { ruleIds }),
      ...(revoked.length > 0 && { revokedRuleIds: revoked }),
      ...(unknown.length > 0 && { alreadyGone: unknown.length }),
    };
    return outcome.done(`revoked ${what} from ${group}`, [change]);
  } catch (error) {
    return fromError(error, `revoking ${what} from ${group}`, GONE, `${group} no longer has those rules`);
  }
}

/** `aws-revoke-sg-ingress`: revoke exactly the world-open ingress rules of the finding. */
export const action: RemediationAction = {
  id: 'aws-revoke-sg-ingress',
  cloud: 'aws',
  permissions: ['ec2:RevokeSecurityGroupIngress'],
  resources: ['arn:{partition}:ec2:*:{account}:security-group/*'],
  target: t.target({
    groupId: z.union([t.securityGroupId, t.securityGroupName]),
    ruleIds: z.array(t.securityGroupRuleId).optional(),
    permissions: z.array(t.target({ cidr: t.cidr })).optional(),
  }),
  description:
    'Revokes the world-open ingress rules the finding names from the security group (by rule id, else by protocol, ports and CIDR); other rules are kept.',
  apply: guarded('aws-revoke-sg-ingress', apply),
};
