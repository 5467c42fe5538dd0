import { describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-kms-remove-public-statements.js';
import { rule } from '../../shared/rules/aws-kms-key-policy-public.js';
import { awsJson, byTarget, operationOf } from '../helpers/aws-json.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';
import { openStatement as open, ownerStatement as owner, policyDocument as doc, removePublicStatementsSuite } from '../helpers/remove-public-statements-suite.js';

const ID = '1f2e3d4c-0000-4000-8000-0000000000aa';
const current = (p: object) => awsJson({ Policy: JSON.stringify(p), PolicyName: 'default' });
const finding = () => findingFor(rule, cloudTrailRecord({ eventSource: 'kms.amazonaws.com', eventName: 'PutKeyPolicy', requestParameters: { keyId: ID, policyName: 'default', policy: JSON.stringify(doc(owner, open)) } }));

describe('aws-kms-remove-public-statements', () => {
  const fakeAws = removePublicStatementsSuite({
    action,
    finding,
    service: 'kms',
    id: ID,
    read: 'GetKeyPolicy',
    write: 'PutKeyPolicy',
    current,
    writeBody: (p) => ({ KeyId: ID, PolicyName: 'default', Policy: JSON.stringify(p) }),
    otherAction: 'kms:Encrypt',
    gone: { type: 'NotFoundException', message: 'Key not found' },
  });

  it('skips when every statement is public (a key cannot go without a policy)', async () => {
    // Prepare
    const aws = fakeAws();
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ GetKeyPolicy: current(doc(open)) }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map(operationOf)).toEqual(['GetKeyPolicy']);
    expect(result).toEqual({ status: 'skipped', reason: `every statement of the policy of ${ID} is public and the policy cannot be deleted: replace it by hand` });
  });
});
