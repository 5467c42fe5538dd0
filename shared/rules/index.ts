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
  yandexStorageAnonymousAccess,
  yandexStorageAclPublic,
  yandexStoragePolicyPublic,
  yandexVpcSgIngressOpen,
  yandexAccessBindingGrant,
];

/** Ids of every shipped rule, for config validation. */
export const ruleIds: readonly string[] = allRules.map((r) => r.id);
