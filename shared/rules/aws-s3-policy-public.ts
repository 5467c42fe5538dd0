/**
 * An S3 bucket policy with an Allow to everyone (`*`, `{"AWS":"*"}`,
 * `{"AWS":["*"]}`) that no condition restricts to known callers. A VPC
 * endpoint, an org id, a source account or an IP range restricts;
 * `aws:SecureTransport` alone does not.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { conditionRestrictsCallers, isAllow, isPublicPrincipal, parsePolicy } from './lib/aws-policy.js';
import { S3_SOURCE, bucketName, bucketResource } from './lib/aws-s3.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['PutBucketPolicy'] as const;

export const rule: Rule = {
  id: 'aws-s3-policy-public',
  cloud: 'aws',
  category: 'public-bucket',
  severity: 'high',
  title: 'S3 bucket policy allows everyone',
  runbook:
    'Read the public statements; restrict them (aws:PrincipalOrgID, aws:SourceVpce, a principal list) or remove them unless the bucket is meant to be public.',
  actions: ACTIONS,
  remediations: ['aws-s3-remove-public-policy'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== S3_SOURCE) return [];
    const bucket = bucketName(event);
    const statements = parsePolicy(event.request.bucketPolicy ?? event.request.policy) ?? [];
    const open = statements.filter(
      (s) => isAllow(s) && isPublicPrincipal(s) && !conditionRestrictsCallers(s.Condition),
    );
    if (!bucket || open.length === 0) return [];
    const actions = [...new Set(open.flatMap((s) => s.Action ?? ['NotAction']))];
    const writes = actions.some((a) => a === '*' || a === 'NotAction' || /^s3:(\*|Put|Delete|Restore|Replicate)/i.test(a));
    const sids = open.map((s, i) => (s.Sid !== undefined ? String(s.Sid) : `#${i}`));
    return [
      makeFinding(this, event, {
        severity: writes ? 'critical' : 'high',
        resource: bucketResource(bucket),
        evidence: {
          summary: `${bucket}: Allow * ${actions.join(', ')}${open.some((s) => s.Condition) ? ' (condition does not restrict callers)' : ''}`,
          details: { bucket, statements: open.map((s) => s.raw) },
        },
        remediation: {
          action: 'aws-s3-remove-public-policy',
          target: { bucket, statements: open.map((s) => s.raw) },
          summary: `remove the public statements (${sids.join(', ')}) from the policy of ${bucket}; delete the policy if none remain`,
        },
      }),
    ];
  },
};
