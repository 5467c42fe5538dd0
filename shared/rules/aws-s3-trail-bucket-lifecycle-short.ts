/**
 * `PutBucketLifecycle` (S3 logs `PutBucketLifecycleConfiguration` calls
 * under this name) that expires current objects of a trail bucket in fewer
 * days than the configured retention (`tampering.minLogRetentionDays`,
 * default 30), or on a fixed date. Only enabled rules whose prefix covers
 * the trail's logs count; noncurrent-version expiry alone does not.
 *
 * ```json
 * {"bucketName":"acme-trail","LifecycleConfiguration":{"Rule":{"ID":"wipe","Status":"Enabled",
 *   "Filter":{"Prefix":""},"Expiration":{"Days":1}}},"lifecycle":[""]}
 * ```
 */
import { asRecord } from '../lib/guards.js';
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { S3_SOURCE, bucketName, bucketResource } from './lib/aws-s3.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';
import { minRetentionDays, trailBucketReason } from './lib/trail-bucket.js';

const ACTIONS = ['PutBucketLifecycle', 'PutBucketLifecycleConfiguration'] as const;

/** One enabled rule that expires objects: its id, prefix and days (0 for a date). */
interface Expiry {
  readonly id: string;
  readonly prefix: string;
  readonly days: number;
}

function expiries(request: Readonly<Record<string, unknown>>): Expiry[] {
  const config = asRecord(request.LifecycleConfiguration ?? request.lifecycleConfiguration);
  const raw = config.Rule ?? config.Rules ?? config.rules;
  const rules = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(asRecord);
  const out: Expiry[] = [];
  for (const [i, r] of rules.entries()) {
    if ((scalarText(r.Status) ?? '').toLowerCase() !== 'enabled') continue;
    const exp = asRecord(r.Expiration);
    const days = exp.Days !== undefined ? Number(scalarText(exp.Days)) : exp.Date !== undefined ? 0 : Number.NaN;
    if (!Number.isFinite(days)) continue;
    const filter = asRecord(r.Filter);
    const prefix = scalarText(filter.Prefix) ?? scalarText(asRecord(filter.And).Prefix) ?? scalarText(r.Prefix) ?? '';
    out.push({ id: scalarText(r.ID) ?? `#${i}`, prefix, days });
  }
  return out;
}

export const rule: Rule = {
  id: 'aws-s3-trail-bucket-lifecycle-short',
  cloud: 'aws',
  category: 'audit-tampering',
  severity: 'high',
  title: 'CloudTrail logs set to expire quickly',
  runbook:
    'Remove or lengthen the lifecycle rule on the log bucket before it runs, and check whether logs already expired (versioning, replication).',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent, context?: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== S3_SOURCE) return [];
    const bucket = bucketName(event);
    const why = bucket ? trailBucketReason(context, bucket) : undefined;
    if (!bucket) return [];
    const min = minRetentionDays(context);
    const prefixes = why?.trails.map((t) => t.prefix ?? '') ?? [];
    const covers = (p: string) =>
      p === '' || prefixes.some((t) => t.startsWith(p) || p.startsWith(t)) || (prefixes.length === 0 && /^(.*\/)?AWSLogs(\/|$)/.test(p));
    const short = expiries(event.request).filter((e) => e.days < min && (why ? covers(e.prefix) : /^(.*\/)?AWSLogs(\/|$)/.test(e.prefix)));
    if (short.length === 0) return [];
    const lines = short.map((e) => `rule ${e.id} expires ${e.prefix || 'all objects'} ${e.days === 0 ? 'on a fixed date' : `after ${e.days} day(s)`}`);
    return [
      makeFinding(this, event, {
        severity: short.some((e) => e.days <= 7) ? 'critical' : 'high',
        resource: bucketResource(bucket),
        evidence: {
          summary: `${bucket}: ${lines.join('; ')} (retention ${min} days${why ? `; ${why.reason}` : ''})`,
          details: { bucket, rules: short.map((e) => ({ ...e })), minRetentionDays: min },
        },
      }),
    ];
  },
};
