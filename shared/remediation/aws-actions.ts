/** The AWS remediation actions, one file each (file name = action id). */
import type { RemediationAction } from './action.js';
import { action as iamDeactivateAccessKey } from './aws-iam-deactivate-access-key.js';
import { action as iamDeleteInlinePolicy } from './aws-iam-delete-inline-policy.js';
import { action as iamDeleteLoginProfile } from './aws-iam-delete-login-profile.js';
import { action as iamDenyPolicyVersion } from './aws-iam-deny-policy-version.js';
import { action as iamDenyRoleTrust } from './aws-iam-deny-role-trust.js';
import { action as iamDetachPolicy } from './aws-iam-detach-policy.js';
import { action as iamRemoveUserFromGroup } from './aws-iam-remove-user-from-group.js';
import { action as revokeDbSgIngress } from './aws-revoke-db-sg-ingress.js';
import { action as revokeNaclEntry } from './aws-revoke-nacl-entry.js';
import { action as revokeSgIngress } from './aws-revoke-sg-ingress.js';
import { action as s3RemovePublicAcl } from './aws-s3-remove-public-acl.js';
import { action as s3RemovePublicPolicy } from './aws-s3-remove-public-policy.js';
import { action as s3RestorePublicAccessBlock } from './aws-s3-restore-public-access-block.js';
// Issue #14: audit-tampering and public-resource actions.
import { action as cloudtrailStartLogging } from './aws-cloudtrail-start-logging.js';
import { action as cloudtrailRestoreManagementEvents } from './aws-cloudtrail-restore-management-events.js';
import { action as ec2SnapshotUnshare } from './aws-ec2-snapshot-unshare.js';
import { action as ec2AmiUnshare } from './aws-ec2-ami-unshare.js';
import { action as rdsSnapshotUnshare } from './aws-rds-snapshot-unshare.js';
import { action as lambdaRemovePermission } from './aws-lambda-remove-permission.js';
import { action as lambdaFunctionUrlRequireIam } from './aws-lambda-function-url-require-iam.js';
import { action as kmsRemovePublicStatements } from './aws-kms-remove-public-statements.js';
import { action as sqsRemovePublicStatements } from './aws-sqs-remove-public-statements.js';
import { action as snsRemovePublicStatements } from './aws-sns-remove-public-statements.js';
import { action as secretsmanagerRemovePublicStatements } from './aws-secretsmanager-remove-public-statements.js';
import { action as ecrRemovePublicStatements } from './aws-ecr-remove-public-statements.js';
import { action as efsRemovePublicStatements } from './aws-efs-remove-public-statements.js';

/** Every AWS action, one per rule remediation id (public buckets, open networks, IAM grants). */
export const awsActions: readonly RemediationAction[] = [
  s3RemovePublicAcl,
  s3RemovePublicPolicy,
  s3RestorePublicAccessBlock,
  revokeSgIngress,
  revokeNaclEntry,
  revokeDbSgIngress,
  iamDetachPolicy,
  iamDeleteInlinePolicy,
  iamRemoveUserFromGroup,
  iamDeactivateAccessKey,
  iamDeleteLoginProfile,
  iamDenyRoleTrust,
  iamDenyPolicyVersion,
  cloudtrailStartLogging,
  cloudtrailRestoreManagementEvents,
  ec2SnapshotUnshare,
  ec2AmiUnshare,
  rdsSnapshotUnshare,
  lambdaRemovePermission,
  lambdaFunctionUrlRequireIam,
  kmsRemovePublicStatements,
  sqsRemovePublicStatements,
  snsRemovePublicStatements,
  secretsmanagerRemovePublicStatements,
  ecrRemovePublicStatements,
  efsRemovePublicStatements,
];
