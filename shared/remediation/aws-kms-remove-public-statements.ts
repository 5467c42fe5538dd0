/**
 * Remove the public statements of a KMS key policy (`GetKeyPolicy` →
 * `PutKeyPolicy`, policy name `default`), keeping the others. A key cannot
 * be without a policy: when every statement is public the action skips.
 */
import { clientOf } from './lib/aws-optional-clients.js';
import * as t from './lib/targets.js';
import { policyAction } from './lib/public-statements.js';

/** `aws-kms-remove-public-statements`. */
export const action = policyAction({
  id: 'aws-kms-remove-public-statements',
  permissions: ['kms:GetKeyPolicy', 'kms:PutKeyPolicy'],
  description: 'Removes the statements of the current KMS key policy that allow everyone without a restricting condition; keeps the others.',
  key: 'keyId',
  idSchema: t.kmsKeyId,
  resources: ['arn:{partition}:kms:*:{account}:key/*'],
  gone: ['NotFoundException'],
  async read(context, region, id) {
    const sdk = await import('@aws-sdk/client-kms');
    return (await (await clientOf(context, 'kms', region)).send(new sdk.GetKeyPolicyCommand({ KeyId: id, PolicyName: 'default' }))).Policy;
  },
  async write(context, region, id, policy) {
    const sdk = await import('@aws-sdk/client-kms');
    await (await clientOf(context, 'kms', region)).send(new sdk.PutKeyPolicyCommand({ KeyId: id, PolicyName: 'default', Policy: policy }));
  },
});
