/**
 * A Yandex Object Storage bucket ACL granting access to all users or all
 * authenticated users (any Yandex account), in the `acl.grants[]` form or the
 * legacy `rule` JSON string (`"GrantType":"allAuthenticatedUsers"`).
 */
import type { AuditEvent, Finding, Rule, Severity } from '../types.js';
import { maxSeverity } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { type PublicGrant, bucketOf, publicGrants } from './lib/yandex-bucket.js';

const ACTIONS = [
  'yandex.cloud.audit.storage.BucketAclUpdate',
  'yandex.cloud.audit.storage.BucketUpdate',
  'yandex.cloud.audit.storage.BucketCreate',
] as const;

/** Anyone may write (or do everything): critical; read or ACL access: high. */
function severityOf(grant: PublicGrant): Severity {
  return grant.permission === 'WRITE' || grant.permission === 'FULL_CONTROL' ? 'critical' : 'high';
}

/** `yandex-storage-acl-public`: a bucket ACL grant to all users or all authenticated users. */
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
    const grants = publicGrants(event.request);
    if (grants.length === 0) return [];
    const bucket = bucketOf(event);
    const label = bucket.name ?? bucket.resource.id;
    const summary = grants.map((g) => `${g.permission} to ${g.grantType}`).join(', ');
    const details = grants.map((g) => ({ grantType: g.grantType, permission: g.permission }));
    return [
      makeFinding(this, event, {
        severity: grants.map(severityOf).reduce<Severity>(maxSeverity, 'high'),
        resource: bucket.resource,
        evidence: { summary: `${label}: ${summary}`, details: { bucket: label, grants: details } },
        remediation: bucket.name
          ? {
              action: 'yandex-storage-remove-public-acl',
              target: { bucket: bucket.name, grants: details },
              summary: `remove ${summary} from the ACL of ${bucket.name}`,
            }
          : null,
      }),
    ];
  },
};
