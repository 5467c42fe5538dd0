import { describe } from 'vitest';
import { action } from '../../shared/remediation/aws-sqs-remove-public-statements.js';
import { rule } from '../../shared/rules/aws-sqs-queue-policy-public.js';
import { awsJson } from '../helpers/aws-json.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';
import { openStatement as open, ownerStatement as owner, policyDocument as doc, removePublicStatementsSuite } from '../helpers/remove-public-statements-suite.js';

const ID = 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders';

describe('aws-sqs-remove-public-statements', () => {
  removePublicStatementsSuite({
    action,
    finding: () => findingFor(rule, cloudTrailRecord({ eventSource: 'sqs.amazonaws.com', eventName: 'SetQueueAttributes', requestParameters: { queueUrl: ID, attributes: { Policy: JSON.stringify(doc(owner, open)) } } })),
    service: 'sqs',
    id: ID,
    read: 'GetQueueAttributes',
    write: 'SetQueueAttributes',
    current: (p) => awsJson({ Attributes: { Policy: JSON.stringify(p) } }),
    writeBody: (p) => ({ QueueUrl: ID, Attributes: { Policy: JSON.stringify(p) } }),
    otherAction: 'sqs:ReceiveMessage',
    gone: { type: 'QueueDoesNotExist', message: 'The specified queue does not exist.' },
    // SQS has no delete: an empty Policy attribute removes it.
    deletion: { operation: 'SetQueueAttributes', body: { QueueUrl: ID, Attributes: { Policy: '' } } },
  });
});
