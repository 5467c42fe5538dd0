/**
 * Remove the public statements of an ECR repository policy
 * (`GetRepositoryPolicy` → `SetRepositoryPolicy`), keeping the others, or
 * `DeleteRepositoryPolicy` when none remain.
 */
import { clientOf } from './lib/aws-optional-clients.js';
import * as t from './lib/targets.js';
import { policyAction } from './lib/public-statements.js';

/** `aws-ecr-remove-public-statements`. */
export const action = policyAction({
  id: 'aws-ecr-remove-public-statements',
  permissions: ['ecr:GetRepositoryPolicy', 'ecr:SetRepositoryPolicy', 'ecr:DeleteRepositoryPolicy'],
  description: 'Removes the statements of the current ECR repository policy that allow everyone without a restricting condition; keeps the others, and deletes the policy if none remain.',
  key: 'repositoryName',
  idSchema: t.ecrRepositoryName,
  resources: ['arn:{partition}:ecr:*:{account}:repository/*'],
  gone: ['RepositoryNotFoundException', 'RepositoryPolicyNotFoundException'],
  async read(context, region, id) {
    const sdk = await import('@aws-sdk/client-ecr');
    return (await (await clientOf(context, 'ecr', region)).send(new sdk.GetRepositoryPolicyCommand({ repositoryName: id }))).policyText;
  },
  async write(context, region, id, policy) {
    const sdk = await import('@aws-sdk/client-ecr');
    await (await clientOf(context, 'ecr', region)).send(new sdk.SetRepositoryPolicyCommand({ repositoryName: id, policyText: policy }));
  },
  async remove(context, region, id) {
    const sdk = await import('@aws-sdk/client-ecr');
    await (await clientOf(context, 'ecr', region)).send(new sdk.DeleteRepositoryPolicyCommand({ repositoryName: id }));
  },
});
