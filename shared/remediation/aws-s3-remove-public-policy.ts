/**
 * Remove the public statements a finding names from an S3 bucket policy:
 * read the CURRENT policy (`GetBucketPolicy`), drop the evidence statements
 * (by `Sid`, else by canonical equality, see `lib/policy-evidence.ts`) that
 * still allow everyone with no condition restricting the callers (the same
 * predicate as the `aws-s3-policy-public` rule), and write the rest back
 * unchanged (`PutBucketPolicy`), or delete the policy when nothing would
 * remain. Other public statements are other findings' evidence and are
 * kept; when none of the named ones is left, the outcome is
 * `already-fixed`. Statements the parser cannot read are kept as they are.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, regionOf, targetList, targetText } from './lib/aws-common.js';
import { evidenceGoneReason, splitByEvidence } from './lib/policy-evidence.js';
import { policyStatements } from './lib/public-statements.js';
import { z } from 'zod';
import * as t from './lib/targets.js';

const GONE = ['NoSuchBucket', 'NoSuchBucketPolicy'];

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const bucket = targetText(plan, 'bucket');
  if (!bucket) return outcome.failed('the plan names no bucket');
  const gone = `${bucket} has no bucket policy any more`;
  const s3sdk = await import('@aws-sdk/client-s3');
  const s3 = await context.aws.s3(regionOf(finding));

  let text: string;
  try {
    text = (await s3.send(new s3sdk.GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '';
  } catch (error) {
    return fromError(error, `reading the policy of ${bucket}`, GONE, gone);
  }
  const parsed = policyStatements(text);
  if (!parsed) return outcome.failed(`the policy of ${bucket} is not a JSON policy document`);
  const { removed, kept, otherPublic } = splitByEvidence(parsed.statements, targetList(plan, 'statements'));
  if (removed.length === 0) return outcome.alreadyFixed(evidenceGoneReason(bucket, otherPublic));

  try {
    if (kept.length === 0) {
      await s3.send(new s3sdk.DeleteBucketPolicyCommand({ Bucket: bucket }));
    } else {
      const policy = JSON.stringify({ ...parsed.doc, Statement: kept });
      await s3.send(new s3sdk.PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
    }
  } catch (error) {
    return fromError(error, `${kept.length === 0 ? 'deleting' : 'writing'} the policy of ${bucket}`, GONE, gone);
  }
  const reason =
    kept.length === 0
      ? `deleted the policy of ${bucket}: all ${removed.length} statement(s) were public`
      : `removed ${removed.length} public statement(s) from the policy of ${bucket}, kept ${kept.length}`;
  return outcome.done(reason, [{ bucket, removedStatements: removed, keptStatements: kept, policyDeleted: kept.length === 0 }]);
}

/** `aws-s3-remove-public-policy`: remove the public statements of a bucket policy, keep the rest. */
export const action: RemediationAction = {
  id: 'aws-s3-remove-public-policy',
  cloud: 'aws',
  permissions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  resources: ['arn:{partition}:s3:::*'],
  accountCondition: true,
  target: t.target({ bucket: t.bucketName, statements: z.array(z.unknown()).min(1) }),
  description:
    'Removes the public statements the finding names (by Sid, else by content) from the current bucket policy while they still allow everyone; keeps every other statement, and deletes the policy if none remain.',
  apply: guarded('aws-s3-remove-public-policy', apply),
};
