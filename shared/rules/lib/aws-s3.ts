/**
 * S3 request details as CloudTrail writes them: headers are lists of
 * strings (`"x-amz-acl": ["public-read"]`); ACL grants in every logged
 * shape are read by ./aws-s3-acl.ts (re-exported here).
 */
import type { AuditEvent, Resource } from '../../types.js';
import { awsConsole } from './console-urls.js';
import { headerValues } from './aws-s3-acl.js';

export { type PublicGrant, headerValues, publicGrants, publicGroupOf } from './aws-s3-acl.js';

/** The `eventSource` of S3 (bucket and account-level S3 Control) events. */
export const S3_SOURCE = 's3.amazonaws.com';

/** One header value (CloudTrail writes headers as one-element lists). */
export function header(request: Readonly<Record<string, unknown>>, name: string): string | undefined {
  return headerValues(request, name)[0];
}

/** The bucket name of an S3 event. */
export function bucketName(event: AuditEvent): string | undefined {
  const name = event.request.bucketName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The resource of a bucket finding. */
export function bucketResource(bucket: string): Resource {
  return { type: 's3-bucket', id: bucket, consoleUrl: awsConsole.bucket(bucket) };
}

