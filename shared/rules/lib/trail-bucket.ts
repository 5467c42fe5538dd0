/**
 * Is this bucket an audit-log destination? Known trails (trail context)
 * first; with none known, a bucket whose name says it holds trail logs
 * (`…cloudtrail…`, `…audit-trail…`, `…audit-logs…`) counts, so a fresh
 * scan without config still sees the obvious cases.
 */
import type { RuleContext } from '../../types.js';
import type { TrailInfo } from './trail-context.js';

const LOG_BUCKET_NAME = /cloud-?trail|audit-?trails?|audit-?logs?/i;

/** Why `bucket` is taken for a trail's destination, or `undefined`. */
export function trailBucketReason(context: RuleContext | undefined, bucket: string): { reason: string; trails: readonly TrailInfo[] } | undefined {
  const trails = context?.trails?.byBucket(bucket) ?? [];
  if (trails.length > 0) return { reason: `destination of trail ${trails.map((t) => t.name).join(', ')}`, trails };
  if (LOG_BUCKET_NAME.test(bucket)) return { reason: 'its name marks it as an audit-log bucket', trails };
  return undefined;
}

/** The retention threshold in days from the context. @default 30 */
export function minRetentionDays(context: RuleContext | undefined): number {
  return context?.minLogRetentionDays ?? 30;
}
