/**
 * `DeleteBucket` on a CloudTrail destination bucket (trail context, or a
 * bucket named for trail logs): the trail's history is gone and new
 * deliveries fail. Alert only: a deleted bucket and its objects cannot be
 * brought back by the responder.
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { S3_SOURCE, bucketName, bucketResource } from './lib/aws-s3.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { trailBucketReason } from './lib/trail-bucket.js';

const ACTIONS = ['DeleteBucket'] as const;

export const rule: Rule = {
  id: 'aws-s3-trail-bucket-deleted',
  cloud: 'aws',
  category: 'audit-tampering',
  severity: 'critical',
  title: 'CloudTrail log bucket deleted',
  runbook:
    'Point the trail at a new bucket at once (deliveries to a deleted bucket fail), and check for a copy of the logs (replication, organization trail, CloudTrail Lake).',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent, context?: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== S3_SOURCE) return [];
    const bucket = bucketName(event);
    const why = bucket ? trailBucketReason(context, bucket) : undefined;
    if (!bucket || !why) return [];
    return [
      makeFinding(this, event, {
        resource: bucketResource(bucket),
        evidence: { summary: `bucket ${bucket} deleted (${why.reason})`, details: { bucket, trails: why.trails.map((t) => t.name) } },
      }),
    ];
  },
};
