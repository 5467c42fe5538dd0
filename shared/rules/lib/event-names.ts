/**
 * The event names CloudTrail and Yandex Audit Trails actually emit for the
 * changes the rules watch, each with where that is documented, and the
 * variants a service logs for one change written down once:
 *
 * - Lambda appends the API version to its event names
 *   (`AddPermission20150331v2`, `AddPermission20150331`, `AddLayerVersionPermission20181031`),
 *   see {@link lambdaEventNames};
 * - S3 logs the account-level public access block under both the S3
 *   Control operation names and the `…Account…` names;
 * - Yandex logs both `Update…AccessBindings` (deltas) and `Set…AccessBindings`
 *   (a whole list, also with deltas) for one resource.
 *
 * `test/rules/lib/event-names.test.ts` checks that every action of every
 * rule is in {@link EMITTED_EVENT_NAMES} for its cloud.
 */
import type { Cloud } from '../../types.js';

const yc = (service: string, names: readonly string[]) => names.map((n) => `yandex.cloud.audit.${service}.${n}`);

/**
 * Lambda's CloudTrail event names for one API operation: the operation with
 * its API version date, with and without the `v2` suffix some operations
 * carry, e.g. `AddPermission` → `AddPermission20150331v2`, `AddPermission20150331`
 * (Lambda developer guide, "Logging AWS Lambda API calls using AWS CloudTrail":
 * the `eventName` includes the API version).
 *
 * @param operation - the API operation, e.g. `AddPermission`
 * @param version - the API version date, e.g. `20150331` (layers: `20181031`, function URLs: `20211031`)
 */
export function lambdaEventNames(operation: string, version = '20150331'): readonly string[] {
  return [`${operation}${version}v2`, `${operation}${version}`];
}

/** S3 bucket and object ACL changes (S3 user guide, "Amazon S3 CloudTrail events": bucket-level and object-level actions). */
export const S3_ACL_EVENTS = ['PutBucketAcl', 'PutObjectAcl', 'CreateBucket'] as const;

/**
 * Public access block switched off or changed: bucket level, and account
 * level under the S3 Control names and the `…Account…` names CloudTrail
 * also records (S3 user guide, "Amazon S3 CloudTrail events": account-level actions).
 */
export const S3_PUBLIC_ACCESS_BLOCK_EVENTS = [
  'DeleteBucketPublicAccessBlock',
  'PutBucketPublicAccessBlock',
  'DeleteAccountPublicAccessBlock',
  'PutAccountPublicAccessBlock',
  'DeletePublicAccessBlock',
  'PutPublicAccessBlock',
] as const;

/**
 * Yandex access-binding events per service (Audit Trails "Management event
 * reference", audit-trails/concepts/events.md: resourcemanager,
 * organizationmanager, iam, lockbox, kms sections; storage-events.md for
 * `BucketAccessBindingsUpdate`). One name is inferred, not listed:
 * `kms.UpdateAsymmetricSignatureKeyAccessBindings` (the KMS API has
 * `AsymmetricSignatureKey.UpdateAccessBindings`, and the reference lists
 * the same event for the other two key kinds).
 */
export const YANDEX_ACCESS_BINDING_EVENTS = [
  ...yc('resourcemanager', ['UpdateFolderAccessBindings', 'SetFolderAccessBindings', 'UpdateCloudAccessBindings', 'SetCloudAccessBindings']),
  ...yc('organizationmanager', ['UpdateOrganizationAccessBindings', 'SetOrganizationAccessBindings', 'UpdateGroupAccessBindings', 'SetGroupAccessBindings']),
  ...yc('iam', ['UpdateServiceAccountAccessBindings', 'SetServiceAccountAccessBindings']),
  ...yc('lockbox', ['UpdateSecretAccessBindings', 'SetSecretAccessBindings']),
  ...yc('kms', [
    'UpdateSymmetricKeyAccessBindings',
    'SetSymmetricKeyAccessBindings',
    'UpdateAsymmetricEncryptionKeyAccessBindings',
    'SetAsymmetricEncryptionKeyAccessBindings',
    'SetAsymmetricSignatureKeyAccessBindings',
    'UpdateAsymmetricSignatureKeyAccessBindings',
  ]),
  'yandex.cloud.audit.storage.BucketAccessBindingsUpdate',
] as const;

/** Every name a rule may watch, by cloud, each group with its source. */
export const EMITTED_EVENT_NAMES: Readonly<Record<Cloud, ReadonlySet<string>>> = {
  aws: new Set<string>([
    // S3 user guide, "Amazon S3 CloudTrail events" (bucket-level, object-level and account-level actions).
    ...S3_ACL_EVENTS,
    'PutBucketPolicy',
    ...S3_PUBLIC_ACCESS_BLOCK_EVENTS,
    // EC2 API reference operation names; CloudTrail logs EC2 API calls under the operation name
    // (EC2 user guide, "Log Amazon EC2 API calls using AWS CloudTrail").
    'AuthorizeSecurityGroupIngress',
    'ModifySecurityGroupRules',
    'CreateNetworkAclEntry',
    'ReplaceNetworkAclEntry',
    // RDS user guide, "Monitoring Amazon RDS API calls in AWS CloudTrail".
    'AuthorizeDBSecurityGroupIngress',
    // IAM user guide, "Logging IAM and AWS STS API calls with AWS CloudTrail".
    'AttachUserPolicy',
    'AttachRolePolicy',
    'AttachGroupPolicy',
    'PutUserPolicy',
    'PutRolePolicy',
    'PutGroupPolicy',
    'CreatePolicyVersion',
    'AddUserToGroup',
    'CreateRole',
    'UpdateAssumeRolePolicy',
    'CreateAccessKey',
    'CreateLoginProfile',
    'UpdateLoginProfile',
    // Lambda developer guide, CloudTrail logging: event names carry the API version.
    ...lambdaEventNames('AddPermission'),
    ...lambdaEventNames('AddLayerVersionPermission', '20181031'),
    ...lambdaEventNames('CreateFunctionUrlConfig', '20211031'),
    ...lambdaEventNames('UpdateFunctionUrlConfig', '20211031'),
    // The bare operation names, as the Lambda API reference names them: the rules also match them, so a
    // record (or a CloudTrail Lake export) that carries the unversioned name is not missed.
    'AddPermission',
    'CreateFunctionUrlConfig',
    'UpdateFunctionUrlConfig',
    // CloudTrail API reference operations, logged under their names (CloudTrail user guide,
    // "Logging AWS CloudTrail API calls with AWS CloudTrail").
    'StopLogging',
    'DeleteTrail',
    'UpdateTrail',
    'CreateTrail',
    'PutEventSelectors',
    // S3 user guide, "Amazon S3 CloudTrail events": bucket-level actions. The REST operation
    // PutBucketLifecycleConfiguration is logged as `PutBucketLifecycle`; both are matched.
    'DeleteBucket',
    'PutBucketLifecycle',
    'PutBucketLifecycleConfiguration',
    // KMS developer guide, "Logging AWS KMS API calls with AWS CloudTrail".
    'DisableKey',
    'ScheduleKeyDeletion',
    'PutKeyPolicy',
    'CreateKey',
    // Organizations user guide, "Logging AWS Organizations API calls with AWS CloudTrail".
    'LeaveOrganization',
    'RemoveAccountFromOrganization',
    // EC2 API reference operation names (EBS snapshots, AMIs, snapshot block public access).
    'ModifySnapshotAttribute',
    'ModifyImageAttribute',
    'DisableSnapshotBlockPublicAccess',
    'EnableSnapshotBlockPublicAccess',
    // RDS API reference (snapshot attributes), logged as in "Monitoring Amazon RDS API calls in AWS CloudTrail".
    'ModifyDBSnapshotAttribute',
    'ModifyDBClusterSnapshotAttribute',
    // SQS, SNS, Secrets Manager, ECR and EFS developer guides, "Logging … API calls using AWS CloudTrail":
    // the API operation names.
    'SetQueueAttributes',
    'CreateQueue',
    'SetTopicAttributes',
    'CreateTopic',
    'PutResourcePolicy',
    'SetRepositoryPolicy',
    'PutFileSystemPolicy',
  ]),
  yandex: new Set<string>([
    // storage-events.md (Object Storage management events).
    ...yc('storage', ['BucketCreate', 'BucketUpdate', 'BucketAclUpdate', 'BucketPolicyUpdate']),
    // audit-trails/concepts/events.md, VPC section (service `network`).
    ...yc('network', ['CreateSecurityGroup', 'UpdateSecurityGroup']),
    ...YANDEX_ACCESS_BINDING_EVENTS,
    // Audit Trails "Management event reference": audittrails section (trails and their bindings).
    ...yc('audittrails', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'SetTrailAccessBindings', 'UpdateTrailAccessBindings']),
    // storage-events.md: bucket deleted, lifecycle rules changed.
    ...yc('storage', ['BucketDelete', 'BucketLifecycleUpdate']),
    // Cloud Logging section: log group deleted, log group bindings.
    ...yc('logging', ['DeleteLogGroup', 'SetLogGroupAccessBindings', 'UpdateLogGroupAccessBindings']),
    // Serverless sections (audit-trails/audit/serverless/events-ref: SetFunctionAccessBindings,
    // SetApiGatewayAccessBindings, UpdateProxyAccessBindings, …): functions, containers, API gateways, DB proxies.
    ...yc('serverless', [
      'functions.SetFunctionAccessBindings',
      'functions.UpdateFunctionAccessBindings',
      'containers.SetContainerAccessBindings',
      'containers.UpdateContainerAccessBindings',
      'apigateway.SetApiGatewayAccessBindings',
      'apigateway.UpdateApiGatewayAccessBindings',
      'mdbproxy.SetProxyAccessBindings',
      'mdbproxy.UpdateProxyAccessBindings',
    ]),
    // Container Registry and Cloud Registry sections: registry and repository bindings.
    ...yc('containerregistry', ['SetRegistryAccessBindings', 'UpdateRegistryAccessBindings', 'SetRepositoryAccessBindings', 'UpdateRepositoryAccessBindings']),
    ...yc('cloudregistry', ['SetRegistryAccessBindings', 'UpdateRegistryAccessBindings']),
  ]),
};
