/**
 * An S3 bucket or object ACL that grants AllUsers or AuthenticatedUsers
 * (any AWS account), in every shape CloudTrail records (./lib/aws-s3-acl.ts):
 * an `AccessControlPolicy` body, a canned `x-amz-acl` (public-read,
 * public-read-write, authenticated-read) or `x-amz-grant-*` headers, top
 * level or under `accessControlList`, on `PutBucketAcl`, `PutObjectAcl`,
 * and `CreateBucket`.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { S3_ACL_EVENTS } from './lib/event-names.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { S3_SOURCE, bucketName, bucketResource, publicGrants } from './lib/aws-s3.js';

const ACTIONS = S3_ACL_EVENTS;
const WRITES = new Set(['WRITE', 'WRITE_ACP', 'FULL_CONTROL']);

export const rule: Rule = {
  id: 'aws-s3-acl-public',
  cloud: 'aws',
  category: 'public-bucket',
  severity: 'high',
  title: 'S3 ACL grants access to everyone',
  runbook:
    'Remove the AllUsers/AuthenticatedUsers grants (or set the ACL to private) unless the data is meant to be public; keep Block Public Access on.',
  actions: ACTIONS,
  remediations: ['aws-s3-remove-public-acl'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== S3_SOURCE) return [];
    const bucket = bucketName(event);
    const grants = publicGrants(event.request);
    if (!bucket || grants.length === 0) return [];
    const key = typeof event.request.key === 'string' ? event.request.key : undefined;
    const where = key ? `${bucket}/${key}` : bucket;
    const summary = `${where}: ${grants.map((g) => `${g.permission} to ${g.grantee} (${g.via})`).join(', ')}`;
    const details = grants.map((g) => ({ ...g }));
    return [
      makeFinding(this, event, {
        severity: grants.some((g) => WRITES.has(g.permission)) ? 'critical' : 'high',
        resource: { ...bucketResource(bucket), ...(key ? { name: `${bucket}/${key}` } : {}) },
        evidence: { summary, details: { bucket, ...(key ? { key } : {}), grants: details } },
        remediation: {
          action: 'aws-s3-remove-public-acl',
          target: { bucket, ...(key ? { key } : {}), grants: details },
          summary: `remove the AllUsers/AuthenticatedUsers grants from the ACL of ${where}, keep the others`,
        },
      }),
    ];
  },
};
