/**
 * The grammar of every identifier a remediation action sends to an API,
 * as zod schemas that the actions compose into their target schemas. The
 * identifiers come from audit logs, which an attacker can write into (a
 * bucket named in a failed-then-retried call, a key with `../`), so each
 * one is checked against what its resource type allows before any request
 * is built from it: nothing here can address another bucket, key, group or
 * principal, whatever addressing style (virtual-host, path) the SDK uses.
 *
 * Sources: S3 bucket naming rules and object key naming guidelines (AWS S3
 * User Guide), EC2 resource ids, IAM quotas and name characters (IAM User
 * Guide, "IAM identifiers"), Yandex Cloud resource ids (20 lowercase
 * letters and digits).
 */
import { z } from 'zod';

/** An object schema that keeps the keys it does not declare (plans may carry more than an action reads). */
export const target = <T extends z.ZodRawShape>(shape: T) => z.object(shape).passthrough();

/**
 * An S3 (or Yandex Object Storage) bucket name: 3–63 lowercase letters,
 * digits, dots and hyphens, starting and ending with a letter or digit, no
 * two dots in a row, no dot next to a hyphen, not an IPv4 address.
 */
export const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'not a bucket name (3-63 of a-z 0-9 . -)')
  .refine((s) => !/\.\.|\.-|-\./.test(s), 'not a bucket name (dot next to a dot or hyphen)')
  .refine((s) => !/^\d{1,3}(\.\d{1,3}){3}$/.test(s), 'not a bucket name (an IP address)');

/**
 * An object key: 1–1024 characters, no control characters, and no path
 * segment (split on `/` or `\`) that is `.` or `..`, so that no client or
 * server normalisation can turn it into another key or bucket. A leading
 * `/` is refused for the same reason (path-style `//key`).
 */
export const objectKey = z
  .string()
  .min(1)
  .max(1024)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'object key has control characters')
  .refine((s) => !s.startsWith('/'), 'object key starts with "/"')
  .refine((s) => !s.split(/[/\\]/).some((seg) => seg === '.' || seg === '..'), 'object key has a "." or ".." segment');

/** An EC2 security group id (`sg-` and 8 or 17 hex digits). */
export const securityGroupId = z.string().regex(/^sg-([0-9a-f]{8}|[0-9a-f]{17})$/, 'not a security group id (sg-…)');
/** An EC2-Classic / default-VPC security group name (what `groupName` requests carry). */
export const securityGroupName = z.string().regex(/^[A-Za-z0-9 ._\-:()#,@[\]+=&;{}!$*]{1,255}$/, 'not a security group name');
/** An EC2 security group rule id (`sgr-` and hex digits). */
export const securityGroupRuleId = z.string().regex(/^sgr-[0-9a-f]{1,17}$/, 'not a security group rule id (sgr-…)');
/** An EC2 network ACL id. */
export const networkAclId = z.string().regex(/^acl-([0-9a-f]{8}|[0-9a-f]{17})$/, 'not a network ACL id (acl-…)');
/** An RDS DB security group name: a letter, then letters, digits and hyphens. */
export const dbSecurityGroupName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,254}$/, 'not a DB security group name');
/** A CIDR block as logged (IPv4 or IPv6). */
export const cidr = z.string().regex(/^[0-9a-fA-F:.]{2,39}\/\d{1,3}$/, 'not a CIDR block');
/** A 12-digit AWS account id. */
export const accountId = z.string().regex(/^\d{12}$/, 'not a 12-digit AWS account id');

const IAM_NAME = /^[\w+=,.@-]+$/;
/** An IAM user name (1–64 of `A-Za-z0-9+=,.@_-`). */
export const iamUserName = z.string().max(64).regex(IAM_NAME, 'not an IAM user name');
/** An IAM role name (1–64). */
export const iamRoleName = z.string().max(64).regex(IAM_NAME, 'not an IAM role name');
/** An IAM group name (1–128). */
export const iamGroupName = z.string().max(128).regex(IAM_NAME, 'not an IAM group name');
/** An IAM policy name (1–128). */
export const iamPolicyName = z.string().max(128).regex(IAM_NAME, 'not an IAM policy name');
/** A managed policy ARN: an account's own, or AWS managed (`aws`), with an optional path. */
export const iamPolicyArn = z
  .string()
  .max(2048)
  .regex(/^arn:aws(-[a-z]+)*:iam::(\d{12}|aws):policy\/([\x21-\x2e\x30-\x7e]+\/)*[\w+=,.@-]{1,128}$/, 'not an IAM policy ARN');
/** An IAM policy version id (`v1`, `v2`, ...). */
export const iamPolicyVersionId = z.string().regex(/^v[1-9]\d{0,4}$/, 'not a policy version id (vN)');
/** An IAM access key id (16–128 upper-case letters and digits). */
export const accessKeyId = z.string().regex(/^[A-Z0-9]{16,128}$/, 'not an access key id');

/** A Yandex Cloud resource id (folder, cloud, security group, rule, secret, key, ...): lowercase letters and digits. */
export const yandexId = z.string().regex(/^[a-z][a-z0-9]{2,49}$/, 'not a Yandex Cloud id');

/** The first problem of a failed parse, as `field: message`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** `user`, `role` or `group`: the principal kinds IAM policies attach to. */
export const iamPrincipalType = z.enum(['user', 'role', 'group']);
/** A user, role or group name (the longest limit of the three, 128). */
export const iamPrincipalName = z.string().max(128).regex(IAM_NAME, 'not an IAM user, role or group name');
/** A customer managed policy ARN (an account's own: AWS managed policies cannot get new versions). */
export const ownPolicyArn = iamPolicyArn.refine((s) => !/:iam::aws:/.test(s), 'not a customer managed policy ARN');

/** A CloudTrail trail name, or its ARN. */
export const cloudTrailName = z
  .string()
  .regex(/^([A-Za-z0-9][A-Za-z0-9._-]{2,127}|arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[A-Za-z0-9._-]{3,128})$/, 'not a CloudTrail trail name or ARN');

/** An AMI id. */
export const imageId = z.string().regex(/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/, 'not an AMI id (ami-…)');

/** An EBS snapshot id. */
export const snapshotId = z.string().regex(/^snap-([0-9a-f]{8}|[0-9a-f]{17})$/, 'not an EBS snapshot id (snap-…)');

/** A Lambda function name, partial ARN or ARN (the API's own pattern, without a qualifier). */
export const lambdaFunctionName = z
  .string()
  .max(140)
  .regex(/^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[A-Za-z0-9_-]{1,64}$|^\d{12}:function:[A-Za-z0-9_-]{1,64}$/, 'not a Lambda function name or ARN');

/** A Lambda permission statement id. */
export const lambdaStatementId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not a Lambda statement id');

/** A Lambda version or alias. */
export const lambdaQualifier = z.string().regex(/^(\$LATEST|[A-Za-z0-9_-]{1,128})$/, 'not a Lambda version or alias');

/** An RDS DB or cluster snapshot identifier (or its ARN). */
export const rdsSnapshotIdentifier = z
  .string()
  .regex(/^([A-Za-z][A-Za-z0-9-]{0,254}|rds:[A-Za-z0-9-]{1,250}|arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:(cluster-)?snapshot:[A-Za-z0-9:-]{1,255})$/, 'not an RDS snapshot identifier');

/** An ECR repository name. */
export const ecrRepositoryName = z
  .string()
  .max(256)
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, 'not an ECR repository name');

/** An EFS file system id or ARN. */
export const efsFileSystemId = z
  .string()
  .regex(/^(arn:aws[a-z-]*:elasticfilesystem:[a-z0-9-]+:\d{12}:file-system\/)?fs-[0-9a-f]{8,40}$/, 'not an EFS file system id (fs-…)');

/** A KMS key id, key ARN or multi-Region key id. */
export const kmsKeyId = z
  .string()
  .regex(/^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/, 'not a KMS key id or ARN');

/** A Secrets Manager secret name or ARN. */
export const secretId = z
  .string()
  .regex(/^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:)?[A-Za-z0-9/_+=.@-]{1,512}$/, 'not a Secrets Manager secret name or ARN')
  .refine((s) => !s.split('/').some((part) => part === '.' || part === '..'), 'dot segments are not allowed');

/** An SNS topic ARN. */
export const snsTopicArn = z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/, 'not an SNS topic ARN');

/** An SQS queue URL. */
export const sqsQueueUrl = z
  .string()
  .regex(/^https:\/\/(sqs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?|[a-z0-9-]+\.queue\.amazonaws\.com)\/\d{12}\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/, 'not an SQS queue URL');
