import { describe } from 'vitest';
import { action } from '../../shared/remediation/aws-ecr-remove-public-statements.js';
import { rule } from '../../shared/rules/aws-ecr-repository-policy-public.js';
import { awsJson } from '../helpers/aws-json.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';
import { openStatement as open, ownerStatement as owner, policyDocument as doc, removePublicStatementsSuite } from '../helpers/remove-public-statements-suite.js';

const ID = 'payments-api';

describe('aws-ecr-remove-public-statements', () => {
  removePublicStatementsSuite({
    action,
    finding: () => findingFor(rule, cloudTrailRecord({ eventSource: 'ecr.amazonaws.com', eventName: 'SetRepositoryPolicy', requestParameters: { repositoryName: ID, policyText: JSON.stringify(doc(owner, open)) } })),
    service: 'ecr',
    id: ID,
    read: 'GetRepositoryPolicy',
    write: 'SetRepositoryPolicy',
    current: (p) => awsJson({ registryId: '111122223333', repositoryName: ID, policyText: JSON.stringify(p) }),
    writeBody: (p) => ({ repositoryName: ID, policyText: JSON.stringify(p) }),
    otherAction: 'ecr:GetDownloadUrlForLayer',
    gone: { type: 'RepositoryPolicyNotFoundException', message: 'no policy' },
    deletion: { operation: 'DeleteRepositoryPolicy', body: { repositoryName: ID } },
  });
});
