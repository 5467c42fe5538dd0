/**
 * Remove exactly the `restore` attribute values a finding names (`all`,
 * outside accounts) from an RDS DB or cluster snapshot: read the current
 * attribute, remove only the values still present, keep every other share.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import * as t from './lib/targets.js';
import { fromError, guarded, regionOf, targetText } from './lib/aws-common.js';
import { planValues } from './lib/aws-shares.js';
import { planRegion } from './lib/aws-optional-clients.js';

const GONE = ['DBSnapshotNotFound', 'DBSnapshotNotFoundFault', 'DBClusterSnapshotNotFoundFault'];

type Attr = { AttributeName?: string; AttributeValues?: string[] };

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const id = targetText(plan, 'snapshot');
  const values = planValues(plan);
  if (!id || values.length === 0) return outcome.failed('the plan names no snapshot or no share to remove');
  const cluster = plan.target.cluster === true;
  const sdk = await import('@aws-sdk/client-rds');
  const rds = await context.aws.rds(planRegion(plan.target, regionOf(finding)));
  const gone = `snapshot ${id} no longer exists`;
  let current: Attr[];
  try {
    current = cluster
      ? ((await rds.send(new sdk.DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: id }))).DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes ?? [])
      : ((await rds.send(new sdk.DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: id }))).DBSnapshotAttributesResult?.DBSnapshotAttributes ?? []);
  } catch (error) {
    return fromError(error, `reading the attributes of ${id}`, GONE, gone);
  }
  const present = new Set(current.filter((a) => a.AttributeName === 'restore').flatMap((a) => a.AttributeValues ?? []));
  const remove = values.filter((v) => present.has(v));
  if (remove.length === 0) return outcome.alreadyFixed(`${id} is no longer shared with ${values.join(', ')}`);
  try {
    if (cluster) await rds.send(new sdk.ModifyDBClusterSnapshotAttributeCommand({ DBClusterSnapshotIdentifier: id, AttributeName: 'restore', ValuesToRemove: remove }));
    else await rds.send(new sdk.ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: id, AttributeName: 'restore', ValuesToRemove: remove }));
  } catch (error) {
    return fromError(error, `removing the shares of ${id}`, GONE, gone);
  }
  return outcome.done(`removed ${remove.join(', ')} from the restore attribute of ${id}`, [{ snapshot: id, cluster, removed: remove }]);
}

/** `aws-rds-snapshot-unshare`. */
export const action: RemediationAction = {
  id: 'aws-rds-snapshot-unshare',
  cloud: 'aws',
  permissions: ['rds:DescribeDBSnapshotAttributes', 'rds:ModifyDBSnapshotAttribute', 'rds:DescribeDBClusterSnapshotAttributes', 'rds:ModifyDBClusterSnapshotAttribute'],
  resources: ['arn:{partition}:rds:*:{account}:snapshot:*', 'arn:{partition}:rds:*:{account}:cluster-snapshot:*'],
  target: t.target({ snapshot: t.rdsSnapshotIdentifier }),
  description: 'Removes the public (all) or outside-account values named by the finding from the snapshot\'s restore attribute; other shares stay.',
  apply: guarded('aws-rds-snapshot-unshare', apply),
};
