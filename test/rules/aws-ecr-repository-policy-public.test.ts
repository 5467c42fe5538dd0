import { describe } from 'vitest';
import { rule } from '../../shared/rules/aws-ecr-repository-policy-public.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { openStatement, policyDocument as doc, resourcePolicyRuleCases } from '../helpers/resource-policy-rule-cases.js';

const action = 'ecr:BatchGetImage';
const open = openStatement(action);
const put = (policy: unknown) => cloudTrailRecord({ eventSource: 'ecr.amazonaws.com', eventName: 'SetRepositoryPolicy', requestParameters: { repositoryName: 'payments-api', policyText: JSON.stringify(policy), force: false } });

describe('aws-ecr-repository-policy-public', () => {
  resourcePolicyRuleCases({
    rule,
    action,
    put,
    target: { id: 'payments-api', repositoryName: 'payments-api' },
    firing: [{ name: 'a policy with a list principal', record: put({ ...doc(open), Statement: [{ ...open, Principal: { AWS: ['*'] } }] }) }],
  });
});
