import { describe } from 'vitest';
import { rule } from '../../shared/rules/aws-sqs-queue-policy-public.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { openStatement, policyDocument as doc, resourcePolicyRuleCases } from '../helpers/resource-policy-rule-cases.js';

const action = 'sqs:SendMessage';
const open = openStatement(action);
const put = (policy: unknown) => cloudTrailRecord({ eventSource: 'sqs.amazonaws.com', eventName: 'SetQueueAttributes', requestParameters: { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders', attributes: { Policy: JSON.stringify(policy) } } });

describe('aws-sqs-queue-policy-public', () => {
  resourcePolicyRuleCases({
    rule,
    action,
    put,
    target: { id: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders', queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders' },
    firing: [{ name: 'CreateQueue with a public policy object', record: cloudTrailRecord({ eventSource: 'sqs.amazonaws.com', eventName: 'CreateQueue', requestParameters: { queueName: 'orders', attributes: { Policy: doc(open) } }, responseElements: { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders' } }) }],
  });
});
