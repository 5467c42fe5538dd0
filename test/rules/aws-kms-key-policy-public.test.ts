import { describe } from 'vitest';
import { rule } from '../../shared/rules/aws-kms-key-policy-public.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { openStatement, policyDocument as doc, resourcePolicyRuleCases } from '../helpers/resource-policy-rule-cases.js';

const action = 'kms:Decrypt';
const open = openStatement(action);
const put = (policy: unknown) => cloudTrailRecord({ eventSource: 'kms.amazonaws.com', eventName: 'PutKeyPolicy', requestParameters: { keyId: '1f2e3d4c-0000-4000-8000-0000000000aa', policyName: 'default', policy: JSON.stringify(policy) } });

describe('aws-kms-key-policy-public', () => {
  resourcePolicyRuleCases({
    rule,
    action,
    put,
    target: { id: '1f2e3d4c-0000-4000-8000-0000000000aa', keyId: '1f2e3d4c-0000-4000-8000-0000000000aa' },
    firing: [{ name: 'CreateKey with a public policy and the id in the response', record: cloudTrailRecord({ eventSource: 'kms.amazonaws.com', eventName: 'CreateKey', requestParameters: { policy: JSON.stringify(doc(open)) }, responseElements: { keyMetadata: { keyId: '1f2e3d4c-0000-4000-8000-0000000000aa' } } }) }],
  });
});
