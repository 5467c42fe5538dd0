/**
 * The destination of a Yandex audit trail deleted: `storage.BucketDelete`
 * of a trail bucket (trail context, or a bucket named for audit logs), or
 * `logging.DeleteLogGroup` of a trail's log group (trail context). The
 * trail keeps running but has nowhere to write. Alert only.
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';
import { trailBucketReason } from './lib/trail-bucket.js';

const BUCKET_DELETE = 'yandex.cloud.audit.storage.BucketDelete';
const LOG_GROUP_DELETE = 'yandex.cloud.audit.logging.DeleteLogGroup';
const ACTIONS = [BUCKET_DELETE, LOG_GROUP_DELETE] as const;

export const rule: Rule = {
  id: 'yandex-audit-trail-destination-deleted',
  cloud: 'yandex',
  category: 'audit-tampering',
  severity: 'critical',
  title: 'Audit trail destination deleted',
  runbook: 'Point the trail at a new bucket or log group at once and look for copies of the deleted logs.',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent, context?: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS)) return [];
    if (event.action === BUCKET_DELETE) {
      const bucket = scalarText(event.request.bucket_id);
      const why = bucket ? trailBucketReason(context, bucket) : undefined;
      if (!bucket || !why) return [];
      return [
        makeFinding(this, event, {
          title: 'Audit trail bucket deleted',
          resource: { type: 'yandex-bucket', id: bucket },
          evidence: { summary: `bucket ${bucket} deleted (${why.reason})`, details: { bucket, trails: why.trails.map((t) => t.name) } },
        }),
      ];
    }
    const group = scalarText(event.request.log_group_id);
    const trails = group ? (context?.trails?.byLogGroup(group) ?? []) : [];
    if (!group || trails.length === 0) return [];
    const name = scalarText(event.request.log_group_name);
    return [
      makeFinding(this, event, {
        title: 'Audit trail log group deleted',
        resource: { type: 'yandex-log-group', id: group, ...(name ? { name } : {}) },
        evidence: { summary: `log group ${name ?? group} deleted (destination of trail ${trails.map((t) => t.name).join(', ')})`, details: { logGroupId: group, trails: trails.map((t) => t.name) } },
      }),
    ];
  },
};
