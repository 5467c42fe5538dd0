/**
 * A Yandex Object Storage bucket policy that allows everyone (`*`, or
 * `NotPrincipal`) with no condition pinning the callers, read as AWS reads
 * it (positive operator, fixed values) for the keys Object Storage
 * documents: `aws:SourceIp` ranges short of the internet, `aws:userid`,
 * `yc:private-endpoint-id`. The `Referer` header, set by any client, does not.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { parsePolicy, publicStatements } from './lib/aws-policy.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { bucketOf } from './lib/yandex-bucket.js';

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
    const found = publicStatements(all, { profile: 'yandex' });
    const open = found.map((f) => f.statement);
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
        evidence: {
          summary: `${label}: Allow * ${actions.join(', ')}`,
          details: { bucket: label, statements, why: found.map((f) => ({ principal: f.principal, reasons: [...f.reasons] })) },
        },
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
