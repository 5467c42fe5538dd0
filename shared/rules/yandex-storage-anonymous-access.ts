/**
 * A Yandex Object Storage bucket opened to anonymous users with its access
 * flags: read objects, list objects, or read settings. Flags are strings in
 * the log (`"objects_access": "true"`); booleans and the nested
 * `anonymous_access_flags` form are accepted too.
 */
import type { AuditEvent, Finding, Rule, Severity } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { type AnonymousFlag, anonymousFlagsOn, bucketOf } from './lib/yandex-bucket.js';

const ACTIONS = [
  'yandex.cloud.audit.storage.BucketUpdate',
  'yandex.cloud.audit.storage.BucketCreate',
] as const;

/** The log field behind each flag, for the evidence. */
const FIELD = { read: 'objects_access', list: 'list_access', configRead: 'settings_read_access' } as const;
const LABEL = { read: 'read objects', list: 'list objects', configRead: 'read settings' } as const;

/** Object read is critical, listing high, settings read alone medium. */
function severityOf(flags: readonly AnonymousFlag[]): Severity {
  if (flags.includes('read')) return 'critical';
  return flags.includes('list') ? 'high' : 'medium';
}

/** `yandex-storage-anonymous-access`: a bucket's anonymous read/list/settings-read flag turned on. */
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
    const flags = anonymousFlagsOn(event.request);
    if (flags.length === 0) return [];
    const bucket = bucketOf(event);
    const label = bucket.name ?? bucket.resource.id;
    return [
      makeFinding(this, event, {
        severity: severityOf(flags),
        resource: bucket.resource,
        evidence: {
          summary: `${label}: anyone can ${flags.map((f) => LABEL[f]).join(', ')}`,
          details: { bucket: label, anonymousAccess: flags, fields: flags.map((f) => FIELD[f]) },
        },
        remediation: bucket.name
          ? {
              action: 'yandex-storage-make-private',
              target: { bucket: bucket.name, flags },
              summary: `turn anonymous ${flags.join('/')} access off on ${bucket.name}`,
            }
          : null,
      }),
    ];
  },
};
