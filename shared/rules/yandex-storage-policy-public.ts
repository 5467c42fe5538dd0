/**
 * A Yandex Object Storage bucket policy that allows everyone (`*`) with no
 * condition restricting the callers (a source IP range or VPC does; the
 * `Referer` header, set by any client, does not).
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { conditionRestrictsCallers, isAllow, isPublicPrincipal, parsePolicy } from './lib/aws-policy.js';
import { bucketOf, bucketResource } from './lib/yandex-bucket.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['yandex.cloud.audit.storage.BucketPolicyUpdate'] as const;

export const rule: Rule = {
  id: 'yandex-storage-policy-public',
  cloud: 'yandex',
  category: 'public-bucket',
  severity: 'high',
  title: 'Bucket policy allows everyone',
  runbook:
    'Read the public statements; restrict them to known principals or networks, or delete them if the bucket is not meant to be public.',
  actions: ACTIONS,
  remediations: ['yandex-storage-remove-public-policy'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS)) return [];
    const bucket = bucketOf(event);
    const statements = parsePolicy(event.request.policy_text ?? event.request.policy) ?? [];
    const open = statements.filter(
      (s) => isAllow(s) && isPublicPrincipal(s) && !conditionRestrictsCallers(s.Condition),
    );
    if (!bucket || open.length === 0) return [];
    const actions = [...new Set(open.flatMap((s) => s.Action ?? ['(NotAction)']))];
    const writes = actions.some((a) => a === '*' || /^s3:(\*|Put|Delete)/i.test(a));
    const sids = open.map((s, i) => (s.Sid !== undefined ? String(s.Sid) : `#${i}`));
    return [
      makeFinding(this, event, {
        severity: writes ? 'critical' : 'high',
        resource: bucketResource(event, bucket),
        evidence: {
          summary: `${bucket}: Allow * ${actions.join(', ')}`,
          details: { bucket, statements: open.map((s) => s.raw) },
        },
        remediation: {
          action: 'yandex-storage-remove-public-policy',
          target: { bucket, statements: open.map((s) => s.raw) },
          summary: `remove the public statements (${sids.join(', ')}) from the policy of ${bucket}`,
        },
      }),
    ];
  },
};
