/**
 * A Yandex Object Storage bucket opened to anonymous users with its access
 * flags: read objects, list objects, or read settings. Flags are strings in
 * the log (`"true"`); booleans are accepted too.
 */
import type { AuditEvent, Finding, Rule, Severity } from '../types.js';
import { anonymousFlagsOn, bucketOf, bucketResource } from './lib/yandex-bucket.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = [
  'yandex.cloud.audit.storage.BucketUpdate',
  'yandex.cloud.audit.storage.BucketCreate',
] as const;

const LABEL = { read: 'read objects', list: 'list objects', configRead: 'read settings' } as const;

function severityOf(flags: readonly string[]): Severity {
  if (flags.includes('read')) return 'critical';
  return flags.includes('list') ? 'high' : 'medium';
}

export const rule: Rule = {
  id: 'yandex-storage-anonymous-access',
  cloud: 'yandex',
  category: 'public-bucket',
  severity: 'high',
  title: 'Bucket opened to anonymous access',
  runbook:
    'Ask the owner whether the bucket must be public; if not, turn public access off in the bucket settings and review what was read meanwhile.',
  actions: ACTIONS,
  remediations: ['yandex-storage-make-private'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS)) return [];
    const bucket = bucketOf(event);
    const flags = anonymousFlagsOn(event.request);
    if (!bucket || flags.length === 0) return [];
    const summary = `anyone can ${flags.map((f) => LABEL[f]).join(', ')} in ${bucket}`;
    return [
      makeFinding(this, event, {
        severity: severityOf(flags),
        resource: bucketResource(event, bucket),
        evidence: { summary, details: { bucket, anonymousAccess: flags } },
        remediation: {
          action: 'yandex-storage-make-private',
          target: { bucket, flags },
          summary: `turn anonymous ${flags.join('/')} access off on ${bucket}`,
        },
      }),
    ];
  },
};
