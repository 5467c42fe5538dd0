/**
 * A Yandex Object Storage bucket ACL granting access to all users or all
 * authenticated users (any Yandex account), in the current `acl.grants[]`
 * form or the legacy `rule` JSON string.
 */
import type { AuditEvent, Finding, Rule, Severity } from '../types.js';
import { maxSeverity } from '../types.js';
import { type PublicGrant, bucketOf, bucketResource, publicGrants } from './lib/yandex-bucket.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = [
  'yandex.cloud.audit.storage.BucketAclUpdate',
  'yandex.cloud.audit.storage.BucketUpdate',
  'yandex.cloud.audit.storage.BucketCreate',
] as const;

function severityOf(grant: PublicGrant): Severity {
  return grant.permission === 'WRITE' || grant.permission === 'FULL_CONTROL' ? 'critical' : 'high';
}

export const rule: Rule = {
  id: 'yandex-storage-acl-public',
  cloud: 'yandex',
  category: 'public-bucket',
  severity: 'high',
  title: 'Bucket ACL grants access to everyone',
  runbook:
    'Remove the grant to all users / all authenticated users from the bucket ACL unless the bucket is meant to be public; check for unexpected objects if WRITE was granted.',
  actions: ACTIONS,
  remediations: ['yandex-storage-remove-public-acl'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS)) return [];
    const bucket = bucketOf(event);
    const grants = publicGrants(event.request);
    if (!bucket || grants.length === 0) return [];
    const summary = grants.map((g) => `${g.permission} to ${g.grantType}`).join(', ');
    const details = grants.map((g) => ({ grantType: g.grantType, permission: g.permission }));
    return [
      makeFinding(this, event, {
        severity: grants.map(severityOf).reduce<Severity>(maxSeverity, 'high'),
        resource: bucketResource(event, bucket),
        evidence: { summary: `${bucket}: ${summary}`, details: { bucket, grants: details } },
        remediation: {
          action: 'yandex-storage-remove-public-acl',
          target: { bucket, grants: details },
          summary: `remove ${summary} from the ACL of ${bucket}`,
        },
      }),
    ];
  },
};
