import { describe } from 'vitest';
import { action } from '../../shared/remediation/aws-secretsmanager-remove-public-statements.js';
import { rule } from '../../shared/rules/aws-secretsmanager-policy-public.js';
import { awsJson } from '../helpers/aws-json.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';
import { openStatement as open, ownerStatement as owner, policyDocument as doc, removePublicStatementsSuite } from '../helpers/remove-public-statements-suite.js';

const ID = 'prod/db-password';

describe('aws-secretsmanager-remove-public-statements', () => {
  removePublicStatementsSuite({
    action,
    finding: () => findingFor(rule, cloudTrailRecord({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'PutResourcePolicy', requestParameters: { secretId: ID, resourcePolicy: JSON.stringify(doc(owner, open)) } })),
    service: 'secretsmanager',
    id: ID,
    read: 'GetResourcePolicy',
    write: 'PutResourcePolicy',
    current: (p) => awsJson({ ARN: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-password-AbCdEf', Name: ID, ResourcePolicy: JSON.stringify(p) }),
    writeBody: (p) => ({ SecretId: ID, ResourcePolicy: JSON.stringify(p) }),
    otherAction: 'secretsmanager:DescribeSecret',
    gone: { type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." },
    deletion: { operation: 'DeleteResourcePolicy', body: { SecretId: ID } },
  });
});
