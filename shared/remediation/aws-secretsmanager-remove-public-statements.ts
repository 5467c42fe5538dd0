/**
 * Remove the public statements of a Secrets Manager resource policy
 * (`GetResourcePolicy` → `PutResourcePolicy`), keeping the others, or
 * `DeleteResourcePolicy` when none remain.
 */
import { clientOf } from './lib/aws-optional-clients.js';
import * as t from './lib/targets.js';
import { policyAction } from './lib/public-statements.js';

/** `aws-secretsmanager-remove-public-statements`. */
export const action = policyAction({
  id: 'aws-secretsmanager-remove-public-statements',
  permissions: ['secretsmanager:GetResourcePolicy', 'secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteResourcePolicy'],
  description: 'Removes the statements of the current secret resource policy that allow everyone without a restricting condition; keeps the others, and deletes the policy if none remain.',
  key: 'secretId',
  idSchema: t.secretId,
  resources: ['arn:{partition}:secretsmanager:*:{account}:secret:*'],
  gone: ['ResourceNotFoundException'],
  async read(context, region, id) {
    const sdk = await import('@aws-sdk/client-secrets-manager');
    return (await (await clientOf(context, 'secretsManager', region)).send(new sdk.GetResourcePolicyCommand({ SecretId: id }))).ResourcePolicy;
  },
  async write(context, region, id, policy) {
    const sdk = await import('@aws-sdk/client-secrets-manager');
    await (await clientOf(context, 'secretsManager', region)).send(new sdk.PutResourcePolicyCommand({ SecretId: id, ResourcePolicy: policy }));
  },
  async remove(context, region, id) {
    const sdk = await import('@aws-sdk/client-secrets-manager');
    await (await clientOf(context, 'secretsManager', region)).send(new sdk.DeleteResourcePolicyCommand({ SecretId: id }));
  },
});
