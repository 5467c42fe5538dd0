import { describe } from 'vitest';
import { rule } from '../../shared/rules/aws-secretsmanager-policy-public.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { openStatement, policyDocument as doc, resourcePolicyRuleCases } from '../helpers/resource-policy-rule-cases.js';

const action = 'secretsmanager:GetSecretValue';
const open = openStatement(action);
const put = (policy: unknown) => cloudTrailRecord({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'PutResourcePolicy', requestParameters: { secretId: 'prod/db-password', resourcePolicy: JSON.stringify(policy), blockPublicPolicy: false } });

describe('aws-secretsmanager-policy-public', () => {
  resourcePolicyRuleCases({
    rule,
    action,
    put,
    target: { id: 'prod/db-password', secretId: 'prod/db-password' },
    firing: [{ name: 'a policy object without a secret id', record: cloudTrailRecord({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'PutResourcePolicy', requestParameters: { resourcePolicy: doc(open) } }), noId: true }],
  });
});
