import { describe } from 'vitest';
import { rule } from '../../shared/rules/aws-efs-policy-public.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { openStatement, policyDocument as doc, resourcePolicyRuleCases } from '../helpers/resource-policy-rule-cases.js';

const action = 'elasticfilesystem:ClientMount';
const open = openStatement(action);
const put = (policy: unknown) => cloudTrailRecord({ eventSource: 'elasticfilesystem.amazonaws.com', eventName: 'PutFileSystemPolicy', requestParameters: { fileSystemId: 'fs-0123456789abcdef0', policy: JSON.stringify(policy), bypassPolicyLockoutSafetyCheck: false } });

describe('aws-efs-policy-public', () => {
  resourcePolicyRuleCases({
    rule,
    action,
    put,
    target: { id: 'fs-0123456789abcdef0', fileSystemId: 'fs-0123456789abcdef0' },
    firing: [{ name: 'a policy with a transport-only condition', record: put(doc({ ...open, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })) }],
  });
});
