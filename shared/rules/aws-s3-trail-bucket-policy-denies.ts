/**
 * `PutBucketPolicy` that stops CloudTrail from writing: an unconditional
 * Deny on object writes naming the CloudTrail service (or everyone, on a
 * trail bucket), or — on a
 * known trail bucket — a new policy with no Allow for
 * `cloudtrail.amazonaws.com` to put objects.
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { type PolicyStatement, isAllow, parsePolicy, principalValues } from './lib/aws-policy.js';
import { S3_SOURCE, bucketName, bucketResource } from './lib/aws-s3.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { trailBucketReason } from './lib/trail-bucket.js';
import { wildcardMatch } from '../lib/wildcard.js';

const ACTIONS = ['PutBucketPolicy'] as const;
const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

const names = (s: PolicyStatement) => principalValues(s.Principal).map((p) => p.value.toLowerCase());
const coversPut = (s: PolicyStatement) =>
  s.NotAction !== undefined || (s.Action ?? []).some((a) => wildcardMatch(a.toLowerCase(), 's3:putobject'));
/** A Deny on object writes to CloudTrail; to everyone only counts on a trail bucket. */
const deniesTrail = (s: PolicyStatement, logBucket: boolean) =>
  !isAllow(s) && coversPut(s) && !s.Condition && (names(s).includes(CLOUDTRAIL) || (logBucket && names(s).includes('*')));
const allowsTrail = (s: PolicyStatement) => isAllow(s) && coversPut(s) && names(s).includes(CLOUDTRAIL);

export const rule: Rule = {
  id: 'aws-s3-trail-bucket-policy-denies',
  cloud: 'aws',
  category: 'audit-tampering',
  severity: 'critical',
  title: 'CloudTrail blocked from writing to its bucket',
  runbook:
    'Restore the bucket policy statement that allows cloudtrail.amazonaws.com s3:PutObject (and remove the deny); deliveries fail until then.',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent, context?: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== S3_SOURCE) return [];
    const bucket = bucketName(event);
    const statements = parsePolicy(event.request.bucketPolicy ?? event.request.policy);
    if (!bucket || !statements) return [];
    const known = context?.trails?.byBucket(bucket) ?? [];
    const denies = statements.filter((s) => deniesTrail(s, trailBucketReason(context, bucket) !== undefined));
    const dropped = denies.length === 0 && known.length > 0 && !statements.some(allowsTrail);
    if (denies.length === 0 && !dropped) return [];
    const summary = dropped
      ? `${bucket}: the new policy no longer allows CloudTrail to write (trail ${known.map((t) => t.name).join(', ')})`
      : `${bucket}: policy denies s3:PutObject to ${CLOUDTRAIL}`;
    return [
      makeFinding(this, event, {
        resource: bucketResource(bucket),
        evidence: { summary, details: { bucket, statements: denies.map((s) => s.raw) } },
      }),
    ];
  },
};
