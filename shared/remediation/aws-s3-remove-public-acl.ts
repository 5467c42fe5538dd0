/**
 * Remove the public grants a finding names (AllUsers / AuthenticatedUsers,
 * with that permission) from an S3 bucket ACL, or an object ACL when the
 * plan has a `key`: read the current ACL, drop those grants, and write the
 * owner and every other grant back (`PutBucketAcl` / `PutObjectAcl` with an
 * `AccessControlPolicy`). A public grant the finding does not name (another
 * event's evidence) is kept. A plan permission of `UNKNOWN` (a grant logged
 * without one) matches any permission of that group.
 */
import type { Grant, Owner } from '@aws-sdk/client-s3';
import { publicGroupOf } from '../rules/lib/aws-s3.js';
import type { Finding, JsonValue, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, regionOf, targetList, targetText } from './lib/aws-common.js';
import { z } from 'zod';
import * as t from './lib/targets.js';

const GONE = ['NoSuchBucket', 'NoSuchKey'];

/** `{grantee, permission}` of the plan's grants. */
function wantedGrants(plan: RemediationPlan): { grantee: string; permission: string }[] {
  return targetList(plan, 'grants').flatMap((g) =>
    g !== null && typeof g === 'object' && !Array.isArray(g) && 'grantee' in g && typeof g.grantee === 'string'
      ? [{ grantee: g.grantee, permission: typeof g.permission === 'string' ? g.permission.toUpperCase() : 'UNKNOWN' }]
      : [],
  );
}

/** The grant as the structured log shows it. */
function show(grant: Grant): JsonValue {
  const g = grant.Grantee;
  return { grantee: g?.URI ?? g?.ID ?? g?.EmailAddress ?? 'unknown', type: g?.Type ?? 'unknown', permission: grant.Permission ?? 'unknown' };
}

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const bucket = targetText(plan, 'bucket');
  const key = targetText(plan, 'key');
  const wanted = wantedGrants(plan);
  if (!bucket) return outcome.failed('the plan names no bucket');
  if (wanted.length === 0) return outcome.failed(`the plan names no public grant of ${bucket}`);
  const where = key ? `${bucket}/${key}` : bucket;
  const gone = `${where} no longer exists`;
  const s3sdk = await import('@aws-sdk/client-s3');
  const s3 = await context.aws.s3(regionOf(finding));

  let owner: Owner | undefined;
  let grants: Grant[];
  try {
    const read = key
      ? await s3.send(new s3sdk.GetObjectAclCommand({ Bucket: bucket, Key: key }))
      : await s3.send(new s3sdk.GetBucketAclCommand({ Bucket: bucket }));
    owner = read.Owner;
    grants = read.Grants ?? [];
  } catch (error) {
    return fromError(error, `reading the ACL of ${where}`, GONE, gone);
  }

  const isEvidence = (g: Grant) => {
    const group = publicGroupOf(g.Grantee?.URI);
    return group !== undefined && wanted.some((w) => w.grantee === group && (w.permission === 'UNKNOWN' || w.permission === g.Permission));
  };
  const removed = grants.filter(isEvidence);
  if (removed.length === 0) return outcome.alreadyFixed(`the ACL of ${where} no longer has the public grants`);
  const kept = grants.filter((g) => !isEvidence(g));
  const policy = { AccessControlPolicy: { ...(owner && { Owner: owner }), Grants: kept } };
  try {
    if (key) await s3.send(new s3sdk.PutObjectAclCommand({ Bucket: bucket, Key: key, ...policy }));
    else await s3.send(new s3sdk.PutBucketAclCommand({ Bucket: bucket, ...policy }));
  } catch (error) {
    return fromError(error, `writing the ACL of ${where}`, GONE, gone);
  }
  const names = removed.map((g) => `${g.Permission ?? '?'} to ${publicGroupOf(g.Grantee?.URI) ?? '?'}`);
  return outcome.done(`removed ${names.join(', ')} from the ACL of ${where}`, [
    { bucket, ...(key && { key }), removedGrants: removed.map(show), keptGrants: kept.map(show) },
  ]);
}

/** `aws-s3-remove-public-acl`: drop the finding's AllUsers/AuthenticatedUsers grants from a bucket or object ACL. */
export const action: RemediationAction = {
  id: 'aws-s3-remove-public-acl',
  cloud: 'aws',
  permissions: ['s3:GetBucketAcl', 's3:PutBucketAcl', 's3:GetObjectAcl', 's3:PutObjectAcl'],
  resources: ['arn:{partition}:s3:::*'],
  accountCondition: true,
  target: t.target({ bucket: t.bucketName, key: t.objectKey.optional(), grants: z.array(z.unknown()) }),
  description:
    'Removes the AllUsers/AuthenticatedUsers grants the finding names from the bucket (or object) ACL; the owner and every other grant are written back unchanged.',
  apply: guarded('aws-s3-remove-public-acl', apply),
};
