/**
 * fast-check arbitraries and fixtures for the property-based tests in
 * `test/fuzz/`: hostile strings, untrusted JSON shaped like the request
 * fields rules read (with prototype-pollution keys), and one known-dangerous
 * raw record per rule whose names may be anything.
 */
import { TrailRegistry } from '../../shared/rules/lib/trail-context.js';
import fc from 'fast-check';
import { type RawCloudTrail, cloudTrailRecord } from './cloudtrail.js';
import { type RawYandex, yandexEvent } from './yandex.js';

/** Characters that break HTML, Markdown, terminals or URL encoding (lone surrogates). */
const NASTY_UNITS = [
  '<', '>', '&', '"', "'", '*', '_', '[', ']', '(', ')', '~', '`', '#', '|', '\\', '/', ' ',
  '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\r', '\n', '\t', '\u2028', '\u2029',
  '\u200e', '\u202e', '\u2066', '\ufeff', '🚨', 'é', 'ж', '𝕏', '\ud83d', '\udc00',
  '&amp;', '&#x3C;', '<b>', '</b>', '<a href="https://evil.example">', '</a>', '<br>',
] as const;

/**
 * Strings an attacker can put in a log: any code point, runs of markup,
 * control and bidi characters, and very long repeats.
 */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY_UNITS), maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: fc.constantFrom('<', '&', '"', 'a', '\u202e', '🚨', '\n'), minLength: 1, maxLength: 4 }), fc.integer({ min: 100, max: 4000 }))
      .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length))),
  },
);

/** A non-empty hostile string (for ids and names the parsers require). */
export const hostileName: fc.Arbitrary<string> = hostileString.filter((s) => s.length > 0);

/** Keys that shadow `Object.prototype` members or trip naive code. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'length', 'then'] as const;

/** Field names the rules read, so generated requests reach deep into rule code. */
const RULE_KEYS = [
  'AccessControlPolicy', 'AccessControlList', 'Grant', 'Grantee', 'URI', 'Permission', 'x-amz-acl', 'x-amz-grant-read',
  'x-amz-grant-full-control', 'bucketName', 'bucketPolicy', 'policy', 'Statement', 'Effect', 'Principal', 'NotPrincipal',
  'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Sid', 'AWS', 'CanonicalUser', 'PublicAccessBlockConfiguration',
  'BlockPublicAcls', 'RestrictPublicBuckets', 'x-amz-account-id', 'groupId', 'groupName', 'ipPermissions', 'items', 'ipProtocol',
  'fromPort', 'toPort', 'ipRanges', 'ipv6Ranges', 'cidrIp', 'cidrIpv6', 'securityGroupRuleSet', 'securityGroupRuleId', 'isEgress',
  'ModifySecurityGroupRulesRequest', 'SecurityGroupRule', 'GroupId', 'CidrIpv4', 'IpProtocol', 'FromPort', 'ToPort',
  'networkAclId', 'ruleNumber', 'egress', 'ruleAction', 'portRange', 'from', 'to', 'aclProtocol', 'cidrBlock', 'ipv6CidrBlock',
  'dBSecurityGroupName', 'cIDRIP', 'policyArn', 'userName', 'roleName', 'policyName', 'policyDocument', 'setAsDefault',
  'assumeRolePolicyDocument', 'role', 'arn', 'accessKey', 'accessKeyId', 'passwordResetRequired', 'bucket_id', 'objects_access',
  'list_access', 'settings_read_access', 'anonymous_access_flags', 'read', 'acl', 'grants', 'grant_type', 'permission', 'rule',
  'policy_text', 'security_group_id', 'security_group_name', 'rules', 'id', 'direction', 'ports', 'from_port', 'to_port',
  'protocol_name', 'protocol_number', 'cidr_blocks', 'v4_cidr_blocks', 'v6_cidr_blocks', 'rule_specs', 'folder_id', 'cloud_id',
  'access_binding_deltas', 'action', 'access_binding', 'role_id', 'subject_id', 'subject_type', 'subject_name', 'subject',
] as const;

/** Values that make rules fire, or nearly. */
const RULE_VALUES = [
  '*', '**', '?', '0.0.0.0/0', '::/0', '10.0.0.0/8', '1.2.3.4/0', '0.0.0.0/32', 'Allow', 'allow', 'Deny', 'ADD', 'REMOVE', 'INGRESS',
  'EGRESS', 'true', 'false', 'TRUE', 'READ', 'WRITE', 'FULL_CONTROL', 'ALL_USERS', 'ALL_AUTHENTICATED_USERS', 'allUsers',
  'http://acs.amazonaws.com/groups/global/AllUsers', 'uri="http://acs.amazonaws.com/groups/global/AllUsers"', 'public-read',
  'admin', 'editor', 'storage.admin', 'iam:*', 'iam:Pass*', 's3:*', 'sts:AssumeRole', 'arn:aws:iam::aws:policy/AdministratorAccess',
  'arn:aws:iam::999988887777:root', '999988887777', 'aws:SourceIp', 'aws:PrincipalOrgID', '-1', '6', '17', 'tcp', 'ANY', '22', '3389',
] as const;

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...RULE_VALUES),
  hostileString,
  fc.integer({ min: -2, max: 70_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...RULE_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom(...POLLUTION_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** `encodeURIComponent` that leaves strings it cannot encode (lone surrogates) as they are. */
function urlEncoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Untrusted JSON in the shapes audit logs hold: objects keyed by the fields
 * rules read (and `__proto__`, `toString`, …), lists, and nested documents
 * written as JSON text or URL-encoded JSON text, as IAM policies are.
 * Pass it through {@link asParsedJson} to get what `JSON.parse` would give.
 */
export const auditJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; object: Record<string, unknown>; list: unknown[]; text: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 5 }, leaf, tie('object'), tie('list'), tie('text')),
  object: fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map((entries) => Object.fromEntries(entries)),
  list: fc.array(tie('value'), { maxLength: 4 }),
  text: fc.tuple(tie('value'), fc.boolean()).map(([value, encode]) => {
    const json = JSON.stringify(value) ?? 'null';
    return encode ? urlEncoded(json) : json;
  }),
})).value;

/** The value as a log reader sees it: `JSON.parse` output, so `__proto__` is an own key. */
export function asParsedJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) ?? 'null');
}

/** Replace the value at a path picked by `selectors` (one per level) with `replacement`; deletes when it is `undefined`. */
export function mutateAt(value: unknown, selectors: readonly number[], replacement: unknown): unknown {
  const [selector, ...rest] = selectors;
  const container = value !== null && typeof value === 'object';
  if (selector === undefined || !container) return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const index = selector % entries.length;
  const copy = entries.map(([k, v], i) => [k, i === index ? mutateAt(v, rest, replacement) : v] as const);
  const kept = copy.filter(([, v]) => v !== undefined);
  return Array.isArray(value) ? kept.map(([, v]) => v) : Object.fromEntries(kept);
}

/** Up to three random edits of a JSON value: a path and a new value (or a deletion). */
export function mutated(value: unknown): fc.Arbitrary<unknown> {
  const edit = fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), fc.option(auditJson, { nil: undefined }));
  return fc.array(edit, { maxLength: 3 }).map((edits) => edits.reduce((v, [path, replacement]) => mutateAt(v, path, replacement), value));
}

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const aws = (eventSource: string, eventName: string, requestParameters: unknown, responseElements: unknown = null) =>
  cloudTrailRecord({ eventSource, eventName, requestParameters, responseElements });

/** The KMS key of the trail in {@link TRAIL_CONTEXT_FIXTURE}: its `DisableKey` fixture needs that context. */
export const TRAIL_KEY_ID = '1f2e3d4c-0000-4000-8000-00000000f022';

/** Trail context under which every dangerous fixture fires (pass as `RuleContext.trails`). */
export const TRAIL_CONTEXT_FIXTURE = new TrailRegistry([{ cloud: 'aws', name: 'fuzz-trail', bucket: 'fuzz-trail-bucket', kmsKeyId: TRAIL_KEY_ID }]);

/** A known-dangerous raw record and the rule it must make fire. */
export interface DangerousRecord {
  readonly ruleId: string;
  readonly cloud: 'aws' | 'yandex';
  readonly record: RawCloudTrail | RawYandex;
}

/**
 * One successful, dangerous record per rule, with `name` as the bucket,
 * group, user, role or folder it changes (the rules accept any non-empty name).
 */
export function dangerousRecords(name = 'acme-prod'): DangerousRecord[] {
  const other = `other-${name}`;
  const out: [string, RawCloudTrail | RawYandex][] = [
    ['aws-s3-acl-public', aws('s3.amazonaws.com', 'PutBucketAcl', { bucketName: name, AccessControlPolicy: { AccessControlList: { Grant: { Grantee: { 'xsi:type': 'Group', URI: ALL_USERS }, Permission: 'READ' } } } })],
    ['aws-s3-policy-public', aws('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: name, bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: name, Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }] } })],
    ['aws-s3-public-access-block-off', aws('s3.amazonaws.com', 'DeleteBucketPublicAccessBlock', { bucketName: name, publicAccessBlock: '' })],
    ['aws-ec2-sg-ingress-open', aws('ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', { groupId: name, ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0', description: name }] } }] } }, { _return: true, securityGroupRuleSet: { items: [{ groupId: name, securityGroupRuleId: `sgr-${name}`, isEgress: false, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }] } })],
    ['aws-ec2-nacl-ingress-open', aws('ec2.amazonaws.com', 'CreateNetworkAclEntry', { networkAclId: name, ruleNumber: 100, egress: false, ruleAction: 'allow', portRange: { from: 22, to: 22 }, aclProtocol: '6', cidrBlock: '0.0.0.0/0' })],
    ['aws-rds-db-sg-ingress-open', aws('rds.amazonaws.com', 'AuthorizeDBSecurityGroupIngress', { dBSecurityGroupName: name, cIDRIP: '0.0.0.0/0' })],
    ['aws-iam-admin-policy-attached', aws('iam.amazonaws.com', 'AttachUserPolicy', { userName: name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })],
    ['aws-iam-inline-policy-admin', aws('iam.amazonaws.com', 'PutRolePolicy', { roleName: name, policyName: name, policyDocument: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) })],
    ['aws-iam-user-added-to-group', aws('iam.amazonaws.com', 'AddUserToGroup', { groupName: `${name}-Admins`, userName: other })],
    ['aws-iam-role-trust-open', aws('iam.amazonaws.com', 'UpdateAssumeRolePolicy', { roleName: name, policyDocument: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }) })],
    ['aws-iam-credentials-for-other-user', aws('iam.amazonaws.com', 'CreateAccessKey', { userName: other }, { accessKey: { accessKeyId: 'AKIAEXAMPLENEWKEY001', status: 'Active', userName: other } })],
    ['yandex-storage-anonymous-access', yandexEvent('storage', 'BucketUpdate', { bucket_id: name, objects_access: 'true', list_access: 'false', settings_read_access: 'false' })],
    ['yandex-storage-acl-public', yandexEvent('storage', 'BucketAclUpdate', { bucket_id: name, acl: { grants: [{ permission: 'READ', grant_type: 'ALL_USERS' }] } })],
    ['yandex-storage-policy-public', yandexEvent('storage', 'BucketPolicyUpdate', { bucket_id: name, policy_text: policy({ Sid: name, Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }) })],
    ['yandex-vpc-sg-ingress-open', yandexEvent('network', 'UpdateSecurityGroup', { security_group_id: name, security_group_name: name, rules: [{ id: name, direction: 'INGRESS', ports: { from_port: '22', to_port: '22' }, protocol_name: 'TCP', protocol_number: '6', cidr_blocks: { v4_cidr_blocks: ['0.0.0.0/0'] } }] })],
    // Issue #14: audit-tampering and public-resource (the KMS one needs the trail of TRAIL_CONTEXT_FIXTURE).
    ['aws-cloudtrail-logging-stopped', aws('cloudtrail.amazonaws.com', 'StopLogging', { name })],
    ['aws-cloudtrail-trail-deleted', aws('cloudtrail.amazonaws.com', 'DeleteTrail', { name })],
    ['aws-cloudtrail-trail-weakened', aws('cloudtrail.amazonaws.com', 'UpdateTrail', { name, isMultiRegionTrail: false })],
    ['aws-cloudtrail-selectors-narrowed', aws('cloudtrail.amazonaws.com', 'PutEventSelectors', { trailName: name, eventSelectors: [{ readWriteType: 'All', includeManagementEvents: false, dataResources: [] }] })],
    ['aws-s3-trail-bucket-deleted', aws('s3.amazonaws.com', 'DeleteBucket', { bucketName: `${name}-cloudtrail-logs` })],
    ['aws-s3-trail-bucket-policy-denies', aws('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: name, bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: name, Effect: 'Deny', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${name}/*` }] } })],
    ['aws-s3-trail-bucket-lifecycle-short', aws('s3.amazonaws.com', 'PutBucketLifecycle', { bucketName: name, LifecycleConfiguration: { Rule: { ID: name, Status: 'Enabled', Filter: { Prefix: 'AWSLogs/' }, Expiration: { Days: 1 } } } })],
    ['aws-kms-trail-key-disabled', aws('kms.amazonaws.com', 'DisableKey', { keyId: TRAIL_KEY_ID })],
    ['aws-organizations-account-left', aws('organizations.amazonaws.com', 'LeaveOrganization', null)],
    ['aws-ec2-snapshot-shared', aws('ec2.amazonaws.com', 'ModifySnapshotAttribute', { snapshotId: name, attributeType: 'CREATE_VOLUME_PERMISSION', createVolumePermission: { add: { items: [{ group: 'all' }] } } })],
    ['aws-ec2-ami-shared', aws('ec2.amazonaws.com', 'ModifyImageAttribute', { imageId: name, attributeType: 'launchPermission', launchPermission: { add: { items: [{ group: 'all' }] } } })],
    ['aws-ec2-snapshot-block-public-access-off', aws('ec2.amazonaws.com', 'DisableSnapshotBlockPublicAccess', { DisableSnapshotBlockPublicAccessRequest: '' })],
    ['aws-rds-snapshot-shared', aws('rds.amazonaws.com', 'ModifyDBSnapshotAttribute', { dBSnapshotIdentifier: name, attributeName: 'restore', valuesToAdd: ['all'] })],
    ['aws-lambda-permission-public', aws('lambda.amazonaws.com', 'AddPermission20150331v2', { functionName: name, statementId: name, action: 'lambda:InvokeFunction', principal: '*' })],
    ['aws-lambda-function-url-public', aws('lambda.amazonaws.com', 'CreateFunctionUrlConfig20211031', { functionName: name, authType: 'NONE' })],
    ['aws-kms-key-policy-public', aws('kms.amazonaws.com', 'PutKeyPolicy', { keyId: name, policyName: 'default', policy: policy({ Sid: name, Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }) })],
    ['aws-sqs-queue-policy-public', aws('sqs.amazonaws.com', 'SetQueueAttributes', { queueUrl: name, attributes: { Policy: policy({ Sid: name, Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }) } })],
    ['aws-sns-topic-policy-public', aws('sns.amazonaws.com', 'SetTopicAttributes', { topicArn: name, attributeName: 'Policy', attributeValue: policy({ Sid: name, Effect: 'Allow', Principal: '*', Action: 'sns:Subscribe', Resource: '*' }) })],
    ['aws-secretsmanager-policy-public', aws('secretsmanager.amazonaws.com', 'PutResourcePolicy', { secretId: name, resourcePolicy: policy({ Sid: name, Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }) })],
    ['aws-ecr-repository-policy-public', aws('ecr.amazonaws.com', 'SetRepositoryPolicy', { repositoryName: name, policyText: policy({ Sid: name, Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }) })],
    ['aws-efs-policy-public', aws('elasticfilesystem.amazonaws.com', 'PutFileSystemPolicy', { fileSystemId: name, policy: policy({ Sid: name, Effect: 'Allow', Principal: { AWS: '*' }, Action: 'elasticfilesystem:ClientMount', Resource: '*' }) })],
    ['yandex-audit-trail-deleted', yandexEvent('audittrails', 'DeleteTrail', { trail_id: name, trail_name: name })],
    ['yandex-audit-trail-weakened', yandexEvent('audittrails', 'UpdateTrail', { trail_id: name, trail_name: name, status: 'DELETED' })],
    ['yandex-audit-trail-destination-deleted', yandexEvent('storage', 'BucketDelete', { bucket_id: `${name}-audit-logs` })],
    ['yandex-audit-trail-bucket-lifecycle-short', yandexEvent('storage', 'BucketLifecycleUpdate', { bucket_id: `${name}-audit-logs`, lifecycle_rules: [{ id: name, enabled: true, expiration: { days: '1' } }] })],
    ['yandex-access-binding-public', yandexEvent('serverless.functions', 'SetFunctionAccessBindings', { function_id: name, function_name: name, access_binding_deltas: [{ action: 'ADD', access_binding: { role_id: 'functions.functionInvoker', subject_id: 'allUsers', subject_type: 'SYSTEM' } }] })],
    ['yandex-access-binding-grant', yandexEvent('resourcemanager', 'UpdateFolderAccessBindings', { folder_id: name, folder_name: name, access_binding_deltas: [{ action: 'ADD', access_binding: { role_id: 'admin', subject_id: name, subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_name: name } }] })],
  ];
  return out.map(([ruleId, record]) => ({ ruleId, cloud: ruleId.startsWith('aws-') ? 'aws' : 'yandex', record }));
}

/** The CloudTrail `eventSource` of an AWS rule, from its id (`aws-s3-…` → `s3.amazonaws.com`). */
export function awsServiceOf(ruleId: string): string {
  return `${ruleId.split('-')[1]}.amazonaws.com`;
}
