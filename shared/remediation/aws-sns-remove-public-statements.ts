/**
 * Remove the public statements of an SNS topic policy
 * (`GetTopicAttributes` → `SetTopicAttributes` Policy), keeping the others.
 * A topic always has a policy: when every statement is public the action skips.
 */
import { clientOf } from './lib/aws-optional-clients.js';
import * as t from './lib/targets.js';
import { policyAction } from './lib/public-statements.js';

/** `aws-sns-remove-public-statements`. */
export const action = policyAction({
  id: 'aws-sns-remove-public-statements',
  permissions: ['sns:GetTopicAttributes', 'sns:SetTopicAttributes'],
  description: 'Removes the statements of the current SNS topic policy that allow everyone without a restricting condition; keeps the others.',
  key: 'topicArn',
  idSchema: t.snsTopicArn,
  resources: ['arn:{partition}:sns:*:{account}:*'],
  gone: ['NotFound', 'NotFoundException'],
  async read(context, region, id) {
    const sdk = await import('@aws-sdk/client-sns');
    return (await (await clientOf(context, 'sns', region)).send(new sdk.GetTopicAttributesCommand({ TopicArn: id }))).Attributes?.Policy;
  },
  async write(context, region, id, policy) {
    const sdk = await import('@aws-sdk/client-sns');
    await (await clientOf(context, 'sns', region)).send(new sdk.SetTopicAttributesCommand({ TopicArn: id, AttributeName: 'Policy', AttributeValue: policy }));
  },
});
