/**
 * An S3 bucket policy that is public as AWS defines it ("The meaning of
 * public"): an Allow to everyone (`*`, `{"AWS":"*"}`, a list holding `*`, or
 * `NotPrincipal`) that no condition pins to fixed values of a key naming the
 * caller (org id, VPC endpoint, source account or ARN, an IP range short of
 * the internet). Negated and `...IfExists` operators, wildcards, policy
 * variables and transport/referer/user-agent keys do not restrict.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { parsePolicy, publicStatements } from './lib/aws-policy.js';
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
    const found = publicStatements(statements);
    const open = found.map((f) => f.statement);
    if (!bucket || open.length === 0) return [];
    const actions = [...new Set(open.flatMap((s) => s.Action ?? ['NotAction']))];
    const writes = actions.some((a) => a === '*' || a === 'NotAction' || /^s3:(\*|Put|Delete|Restore|Replicate)/i.test(a));
    const sids = found.map((f) => (f.statement.Sid !== undefined ? String(f.statement.Sid) : `#${f.index}`));
    const why = found.map((f) => ({ principal: f.principal, reasons: [...f.reasons] }));
    return [
      makeFinding(this, event, {
        severity: writes ? 'critical' : 'high',
        resource: bucketResource(bucket),
        evidence: {
          summary: `${bucket}: Allow * ${actions.join(', ')}${open.some((s) => s.Condition) ? ' (condition does not restrict callers)' : ''}`,
          details: { bucket, statements: open.map((s) => s.raw), why },
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
