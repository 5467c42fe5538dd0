/**
 * Delete the world-open ingress entry a finding names from a network ACL
 * (`DeleteNetworkAclEntry` with its rule number, `Egress: false`). NACL
 * entries are known only by number, and a number can be given new content
 * (`ReplaceNetworkAclEntry`) after the finding, so the entry is read first
 * (`DescribeNetworkAcls`) and deleted only while it still allows traffic in
 * from the whole internet: deleting a number that now holds a deny would
 * open the subnet. A finding from `ReplaceNetworkAclEntry` replaced an
 * earlier entry that the log does not show; it is not restored.
 */
import type { NetworkAclEntry } from '@aws-sdk/client-ec2';
import { isWholeInternet } from '../rules/lib/cidr.js';
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, regionOf, targetText } from './lib/aws-common.js';
import { z } from 'zod';
import * as t from './lib/targets.js';

const GONE = ['InvalidNetworkAclEntry.NotFound', 'InvalidNetworkAclID.NotFound'];

/** The entry as the structured log shows it. */
function show(entry: NetworkAclEntry) {
  return {
    ruleAction: entry.RuleAction ?? 'unknown',
    protocol: entry.Protocol ?? 'unknown',
    cidr: entry.CidrBlock ?? entry.Ipv6CidrBlock ?? 'unknown',
    fromPort: entry.PortRange?.From ?? null,
    toPort: entry.PortRange?.To ?? null,
  };
}

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const aclId = targetText(plan, 'networkAclId');
  const ruleNumber = plan.target.ruleNumber;
  if (!aclId) return outcome.failed('the plan names no network ACL');
  if (typeof ruleNumber !== 'number') return outcome.failed(`the log does not say which entry of ${aclId} was opened (no rule number); delete it by hand`);
  const name = `ingress entry #${ruleNumber} of ${aclId}`;
  const sdk = await import('@aws-sdk/client-ec2');
  const ec2 = await context.aws.ec2(regionOf(finding));

  let entry: NetworkAclEntry | undefined;
  try {
    const read = await ec2.send(new sdk.DescribeNetworkAclsCommand({ NetworkAclIds: [aclId] }));
    entry = read.NetworkAcls?.[0]?.Entries?.find((e) => e.RuleNumber === ruleNumber && e.Egress === false);
  } catch (error) {
    return fromError(error, `reading ${aclId}`, GONE, `${name} no longer exists`);
  }
  if (!entry) return outcome.alreadyFixed(`${name} no longer exists`);
  const open = entry.RuleAction === 'allow' && (isWholeInternet(entry.CidrBlock) || isWholeInternet(entry.Ipv6CidrBlock));
  if (!open) return outcome.alreadyFixed(`${name} no longer allows the internet in (now ${entry.RuleAction} from ${show(entry).cidr}); left as is`);

  try {
    await ec2.send(new sdk.DeleteNetworkAclEntryCommand({ NetworkAclId: aclId, RuleNumber: ruleNumber, Egress: false }));
  } catch (error) {
    return fromError(error, `deleting ${name}`, GONE, `${name} no longer exists`);
  }
  const replaced = plan.target.replaced === true ? ' (the entry it replaced is not in the log and was not restored)' : '';
  return outcome.done(`deleted ${name}${replaced}`, [{ networkAclId: aclId, ruleNumber, egress: false, deletedEntry: show(entry) }]);
}

/** `aws-revoke-nacl-entry`: delete the finding's world-open ingress entry from a network ACL. */
export const action: RemediationAction = {
  id: 'aws-revoke-nacl-entry',
  cloud: 'aws',
  permissions: ['ec2:DescribeNetworkAcls', 'ec2:DeleteNetworkAclEntry'],
  resources: ['arn:{partition}:ec2:*:{account}:network-acl/*'],
  target: t.target({ networkAclId: t.networkAclId, ruleNumber: z.number().int().min(1).max(32767).nullable().optional(), egress: z.boolean().optional() }),
  description:
    'Deletes the ingress entry the finding names from the network ACL, if that number still allows traffic from the whole internet; other entries are kept.',
  apply: guarded('aws-revoke-nacl-entry', apply),
};
