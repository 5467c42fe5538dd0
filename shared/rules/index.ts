/**
 * The rule registry: every detection rule, in one list. A rule's id is its
 * file name (checked by test/rules/registry.test.ts).
 */
import type { Rule } from '../types.js';
import { rule as awsEc2NaclIngressOpen } from './aws-ec2-nacl-ingress-open.js';
import { rule as awsEc2SgIngressOpen } from './aws-ec2-sg-ingress-open.js';
import { rule as awsIamAdminPolicyAttached } from './aws-iam-admin-policy-attached.js';
import { rule as awsIamCredentialsForOtherUser } from './aws-iam-credentials-for-other-user.js';
import { rule as awsIamInlinePolicyAdmin } from './aws-iam-inline-policy-admin.js';
import { rule as awsIamRoleTrustOpen } from './aws-iam-role-trust-open.js';
import { rule as awsIamUserAddedToGroup } from './aws-iam-user-added-to-group.js';
import { rule as awsRdsDbSgIngressOpen } from './aws-rds-db-sg-ingress-open.js';
import { rule as awsS3AclPublic } from './aws-s3-acl-public.js';
import { rule as awsS3PolicyPublic } from './aws-s3-policy-public.js';
import { rule as awsS3PublicAccessBlockOff } from './aws-s3-public-access-block-off.js';
import { rule as yandexAccessBindingGrant } from './yandex-access-binding-grant.js';
import { rule as yandexStorageAclPublic } from './yandex-storage-acl-public.js';
import { rule as yandexStorageAnonymousAccess } from './yandex-storage-anonymous-access.js';
import { rule as yandexStoragePolicyPublic } from './yandex-storage-policy-public.js';
import { rule as yandexVpcSgIngressOpen } from './yandex-vpc-sg-ingress-open.js';
// Issue #14: audit-tampering and public-resource families.
import { rule as awsCloudtrailLoggingStopped } from './aws-cloudtrail-logging-stopped.js';
import { rule as awsCloudtrailTrailDeleted } from './aws-cloudtrail-trail-deleted.js';
import { rule as awsCloudtrailTrailWeakened } from './aws-cloudtrail-trail-weakened.js';
import { rule as awsCloudtrailSelectorsNarrowed } from './aws-cloudtrail-selectors-narrowed.js';
import { rule as awsS3TrailBucketDeleted } from './aws-s3-trail-bucket-deleted.js';
import { rule as awsS3TrailBucketPolicyDenies } from './aws-s3-trail-bucket-policy-denies.js';
import { rule as awsS3TrailBucketLifecycleShort } from './aws-s3-trail-bucket-lifecycle-short.js';
import { rule as awsKmsTrailKeyDisabled } from './aws-kms-trail-key-disabled.js';
import { rule as awsOrganizationsAccountLeft } from './aws-organizations-account-left.js';
import { rule as awsEc2SnapshotShared } from './aws-ec2-snapshot-shared.js';
import { rule as awsEc2AmiShared } from './aws-ec2-ami-shared.js';
import { rule as awsEc2SnapshotBlockPublicAccessOff } from './aws-ec2-snapshot-block-public-access-off.js';
import { rule as awsRdsSnapshotShared } from './aws-rds-snapshot-shared.js';
import { rule as awsLambdaPermissionPublic } from './aws-lambda-permission-public.js';
import { rule as awsLambdaFunctionUrlPublic } from './aws-lambda-function-url-public.js';
import { rule as awsKmsKeyPolicyPublic } from './aws-kms-key-policy-public.js';
import { rule as awsSqsQueuePolicyPublic } from './aws-sqs-queue-policy-public.js';
import { rule as awsSnsTopicPolicyPublic } from './aws-sns-topic-policy-public.js';
import { rule as awsSecretsmanagerPolicyPublic } from './aws-secretsmanager-policy-public.js';
import { rule as awsEcrRepositoryPolicyPublic } from './aws-ecr-repository-policy-public.js';
import { rule as awsEfsPolicyPublic } from './aws-efs-policy-public.js';
import { rule as yandexAuditTrailDeleted } from './yandex-audit-trail-deleted.js';
import { rule as yandexAuditTrailWeakened } from './yandex-audit-trail-weakened.js';
import { rule as yandexAuditTrailDestinationDeleted } from './yandex-audit-trail-destination-deleted.js';
import { rule as yandexAuditTrailBucketLifecycleShort } from './yandex-audit-trail-bucket-lifecycle-short.js';
import { rule as yandexAccessBindingPublic } from './yandex-access-binding-public.js';

/** Every rule audit-responder ships, AWS first, then Yandex Cloud. */
export const allRules: readonly Rule[] = [
  awsS3AclPublic,
  awsS3PolicyPublic,
  awsS3PublicAccessBlockOff,
  awsEc2SgIngressOpen,
  awsEc2NaclIngressOpen,
  awsRdsDbSgIngressOpen,
  awsIamAdminPolicyAttached,
  awsIamInlinePolicyAdmin,
  awsIamUserAddedToGroup,
  awsIamRoleTrustOpen,
  awsIamCredentialsForOtherUser,
  awsCloudtrailLoggingStopped,
  awsCloudtrailTrailDeleted,
  awsCloudtrailTrailWeakened,
  awsCloudtrailSelectorsNarrowed,
  awsS3TrailBucketDeleted,
  awsS3TrailBucketPolicyDenies,
  awsS3TrailBucketLifecycleShort,
  awsKmsTrailKeyDisabled,
  awsOrganizationsAccountLeft,
  awsEc2SnapshotShared,
  awsEc2AmiShared,
  awsEc2SnapshotBlockPublicAccessOff,
  awsRdsSnapshotShared,
  awsLambdaPermissionPublic,
  awsLambdaFunctionUrlPublic,
  awsKmsKeyPolicyPublic,
  awsSqsQueuePolicyPublic,
  awsSnsTopicPolicyPublic,
  awsSecretsmanagerPolicyPublic,
  awsEcrRepositoryPolicyPublic,
  awsEfsPolicyPublic,
  yandexStorageAnonymousAccess,
  yandexStorageAclPublic,
  yandexStoragePolicyPublic,
  yandexVpcSgIngressOpen,
  yandexAccessBindingGrant,
  yandexAuditTrailDeleted,
  yandexAuditTrailWeakened,
  yandexAuditTrailDestinationDeleted,
  yandexAuditTrailBucketLifecycleShort,
  yandexAccessBindingPublic,
];

/** Ids of every shipped rule, for config validation. */
export const ruleIds: readonly string[] = allRules.map((r) => r.id);
