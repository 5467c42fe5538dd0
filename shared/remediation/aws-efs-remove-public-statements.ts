/**
 * Remove the public statements of an EFS file-system policy
 * (`DescribeFileSystemPolicy` → `PutFileSystemPolicy`), keeping the others,
 * or `DeleteFileSystemPolicy` when none remain.
 */
import { clientOf } from './lib/aws-optional-clients.js';
import * as t from './lib/targets.js';
import { policyAction } from './lib/public-statements.js';

/** `aws-efs-remove-public-statements`. */
export const action = policyAction({
  id: 'aws-efs-remove-public-statements',
  permissions: ['elasticfilesystem:DescribeFileSystemPolicy', 'elasticfilesystem:PutFileSystemPolicy', 'elasticfilesystem:DeleteFileSystemPolicy'],
  description: 'Removes the statements of the current EFS file-system policy that allow everyone without a restricting condition; keeps the others, and deletes the policy if none remain.',
  key: 'fileSystemId',
  idSchema: t.efsFileSystemId,
  resources: ['arn:{partition}:elasticfilesystem:*:{account}:file-system/*'],
  gone: ['FileSystemNotFound', 'PolicyNotFound'],
  async read(context, region, id) {
    const sdk = await import('@aws-sdk/client-efs');
    return (await (await clientOf(context, 'efs', region)).send(new sdk.DescribeFileSystemPolicyCommand({ FileSystemId: id }))).Policy;
  },
  async write(context, region, id, policy) {
    const sdk = await import('@aws-sdk/client-efs');
    await (await clientOf(context, 'efs', region)).send(new sdk.PutFileSystemPolicyCommand({ FileSystemId: id, Policy: policy }));
  },
  async remove(context, region, id) {
    const sdk = await import('@aws-sdk/client-efs');
    await (await clientOf(context, 'efs', region)).send(new sdk.DeleteFileSystemPolicyCommand({ FileSystemId: id }));
  },
});
