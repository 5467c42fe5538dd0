import { describe } from 'vitest';
import { rule } from '../../shared/rules/aws-sns-topic-policy-public.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { openStatement, policyDocument as doc, resourcePolicyRuleCases } from '../helpers/resource-policy-rule-cases.js';

const action = 'sns:Subscribe';
const open = openStatement(action);
const put = (policy: unknown) => cloudTrailRecord({ eventSource: 'sns.amazonaws.com', eventName: 'SetTopicAttributes', requestParameters: { topicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts', attributeName: 'Policy', attributeValue: JSON.stringify(policy) } });

describe('aws-sns-topic-policy-public', () => {
  resourcePolicyRuleCases({
    rule,
    action,
    put,
    target: { id: 'arn:aws:sns:eu-west-1:111122223333:alerts', topicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts' },
    firing: [{ name: 'CreateTopic with a public policy', record: cloudTrailRecord({ eventSource: 'sns.amazonaws.com', eventName: 'CreateTopic', requestParameters: { name: 'alerts', attributes: { Policy: JSON.stringify(doc(open)) } }, responseElements: { topicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts' } }) }],
  });
});
