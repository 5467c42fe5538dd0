/**
 * `storage.BucketLifecycleUpdate` (DONE) on a trail bucket (trail context,
 * or a bucket named for audit logs) with an enabled rule that expires
 * objects in fewer days than `tampering.minLogRetentionDays` (default 30),
 * or on a fixed date, on a prefix that covers the trail's files.
 * Read in both the snake_case and the camelCase spelling of the lifecycle
 * rules (`lifecycle_rules[{id, enabled, filter{prefix}, expiration{days|date}}]`).
 */
import { asRecord } from '../lib/guards.js';
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';
import { minRetentionDays, trailBucketReason } from './lib/trail-bucket.js';

const ACTIONS = ['yandex.cloud.audit.storage.BucketLifecycleUpdate'] as const;

interface Expiry { readonly id: string; readonly prefix: string; readonly days: number }

function expiries(details: Readonly<Record<string, unknown>>): Expiry[] {
  const raw = details.lifecycle_rules ?? details.lifecycleRules ?? details.rules;
  const rules = (Array.isArray(raw) ? raw : []).map(asRecord);
  const out: Expiry[] = [];
  for (const [i, r] of rules.entries()) {
    const enabled = r.enabled ?? (scalarText(r.status)?.toLowerCase() === 'enabled' ? true : undefined);
    if (enabled === false || enabled === 'false') continue;
    const exp = asRecord(r.expiration);
    const days = exp.days !== undefined ? Number(scalarText(exp.days)) : exp.date !== undefined ? 0 : Number.NaN;
    if (!Number.isFinite(days)) continue;
    out.push({ id: scalarText(r.id) ?? `#${i}`, prefix: scalarText(asRecord(r.filter).prefix) ?? scalarText(r.prefix) ?? '', days });
  }
  return out;
}

export const rule: Rule = {
  id: 'yandex-audit-trail-bucket-lifecycle-short',
  cloud: 'yandex',
  category: 'audit-tampering',
  severity: 'high',
  title: 'Audit logs set to expire quickly',
  runbook: 'Remove or lengthen the lifecycle rule on the trail bucket before it runs.',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent, context?: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS)) return [];
    const bucket = scalarText(event.request.bucket_id);
    const why = bucket ? trailBucketReason(context, bucket) : undefined;
    if (!bucket || !why) return [];
    const min = minRetentionDays(context);
    const prefixes = why.trails.map((t) => t.prefix ?? '');
    const covers = (p: string) => p === '' || prefixes.length === 0 || prefixes.some((t) => t.startsWith(p) || p.startsWith(t));
    const short = expiries(event.request).filter((e) => e.days < min && covers(e.prefix));
    if (short.length === 0) return [];
    const lines = short.map((e) => `rule ${e.id} expires ${e.prefix || 'all objects'} ${e.days === 0 ? 'on a fixed date' : `after ${e.days} day(s)`}`);
    return [
      makeFinding(this, event, {
        severity: short.some((e) => e.days <= 7) ? 'critical' : 'high',
        resource: { type: 'yandex-bucket', id: bucket },
        evidence: { summary: `${bucket}: ${lines.join('; ')} (retention ${min} days; ${why.reason})`, details: { bucket, rules: short.map((e) => ({ ...e })), minRetentionDays: min } },
      }),
    ];
  },
};
