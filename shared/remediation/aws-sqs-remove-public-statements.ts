/**
 * Remove the public statements of an SQS queue policy
 * (`GetQueueAttributes` Policy → `SetQueueAttributes`), keeping the others;
 * an empty `Policy` attribute removes the policy when none remain.
 */
import { clientOf } from './lib/aws-optional-clients.js';
import * as t from './lib/targets.js';
import { policyAction } from './lib/public-statements.js';

const GONE = ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'];

/** `aws-sqs-remove-public-statements`. */
export const action = policyAction({
  id: 'aws-sqs-remove-public-statements',
  permissions: ['sqs:GetQueueAttributes', 'sqs:SetQueueAttributes'],
  description: 'Removes the statements of the current SQS queue policy that allow everyone without a restricting condition; keeps the others, and clears the policy if none remain.',
  key: 'queueUrl',
  idSchema: t.sqsQueueUrl,
  resources: ['arn:{partition}:sqs:*:{account}:*'],
  gone: GONE,
  async read(context, region, id) {
    const sdk = await import('@aws-sdk/client-sqs');
    return (await (await clientOf(context, 'sqs', region)).send(new sdk.GetQueueAttributesCommand({ QueueUrl: id, AttributeNames: ['Policy'] }))).Attributes?.Policy;
  },
  async write(context, region, id, policy) {
    const sdk = await import('@aws-sdk/client-sqs');
    await (await clientOf(context, 'sqs', region)).send(new sdk.SetQueueAttributesCommand({ QueueUrl: id, Attributes: { Policy: policy } }));
  },
  async remove(context, region, id) {
    const sdk = await import('@aws-sdk/client-sqs');
    await (await clientOf(context, 'sqs', region)).send(new sdk.SetQueueAttributesCommand({ QueueUrl: id, Attributes: { Policy: '' } }));
  },
});
