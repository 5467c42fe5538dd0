/**
 * A Yandex Object Storage bucket policy that allows everyone (`*`) with no
 * condition restricting the callers (a source IP range, a user id or a VPC
 * service connection does; the `Referer` header, set by any client, does not).
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { parsePolicy } from './lib/aws-policy.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { bucketOf } from './lib/yandex-bucket.js';
import { isPublicStatement } from './lib/yandex-policy.js';

const ACTIONS = ['yandex.cloud.audit.storage.BucketPolicyUpdate'] as const;

/** The logged policy: `policy_text`, else an object `policy`, else the older `rule` string. */
function loggedPolicy(details: Readonly<Record<string, unknown>>): unknown {
  return [details.policy_text, details.policy, details.rule].find((p) => parsePolicy(p) !== undefined);
}

/** `yandex-storage-policy-public`: a bucket policy statement that lets anyone in. */
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
    const all = parsePolicy(loggedPolicy(event.request)) ?? [];
    const open = all.filter(isPublicStatement);
    if (open.length === 0) return [];
    const bucket = bucketOf(event);
    const label = bucket.name ?? bucket.resource.id;
    const actions = [...new Set(open.flatMap((s) => s.Action ?? s.NotAction?.map((a) => `NotAction ${a}`) ?? []))];
    const writes = open.some((s) => s.NotAction !== undefined) || actions.some((a) => a === '*' || /^s3:(\*|Put|Delete)/i.test(a));
    const sids = open.map((s) => (s.Sid !== undefined ? String(s.Sid) : `statement ${all.indexOf(s) + 1}`));
    const statements = open.map((s) => s.raw);
    return [
      makeFinding(this, event, {
        severity: writes ? 'critical' : 'high',
        resource: bucket.resource,
        evidence: { summary: `${label}: Allow * ${actions.join(', ')}`, details: { bucket: label, statements } },
        remediation: bucket.name
          ? {
              action: 'yandex-storage-remove-public-policy',
              target: { bucket: bucket.name, statements },
              summary: `remove the public statement${open.length === 1 ? '' : 's'} (${sids.join(', ')}) from the policy of ${bucket.name}`,
            }
          : null,
      }),
    ];
  },
};
