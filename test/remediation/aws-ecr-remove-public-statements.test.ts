import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-ecr-remove-public-statements.js';
import { rule } from '../../shared/rules/aws-ecr-repository-policy-public.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, startFakeAws } from '../helpers/aws-endpoint.js';
import { awsJson, awsJsonError, byTarget, operationOf } from '../helpers/aws-json.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const ID = 'payments-api';
const open = { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
const owner = { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: '*', Resource: '*' };
const orgOnly = { ...open, Sid: 'Org', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
// Another public statement, not this finding's evidence (another Sid): never removed by this finding.
const other = { ...open, Sid: 'OtherFinding', Action: 'ecr:GetDownloadUrlForLayer' };
const untouched = (id: string) => `the public statements of this finding are no longer in the policy of ${id}; 1 other public statement(s) left untouched (not this finding's evidence)`;
const current = (p: object) => awsJson({ registryId: '111122223333', repositoryName: ID, policyText: JSON.stringify(p) });

function finding(): { finding: Finding; plan: RemediationPlan } {
  return findingFor(rule, cloudTrailRecord({ eventSource: 'ecr.amazonaws.com', eventName: 'SetRepositoryPolicy', requestParameters: { repositoryName: ID, policyText: JSON.stringify(doc(owner, open)) } }));
}

describe('aws-ecr-remove-public-statements', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('removes the public statements of the current policy and writes back the rest', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ GetRepositoryPolicy: current(doc(owner, open)), SetRepositoryPolicy: awsJson({}) }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, operationOf(c)])).toEqual([
      ['ecr', 'eu-west-1', 'GetRepositoryPolicy'],
      ['ecr', 'eu-west-1', 'SetRepositoryPolicy'],
    ]);
    expect(JSON.parse(aws.calls[1]?.body ?? '')).toEqual({ repositoryName: ID, policyText: JSON.stringify(doc(owner)) });
    expect(result).toEqual({
      status: 'done',
      reason: `removed 1 public statement(s) from the policy of ${ID}, kept 1`,
      changes: [{ resource: ID, removedStatements: [open], keptStatements: [owner], policyDeleted: false }],
    });
  });

  it('deletes the policy when every statement is public', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ GetRepositoryPolicy: current(doc(open)), DeleteRepositoryPolicy: awsJson({}) }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map(operationOf)).toEqual(['GetRepositoryPolicy', 'DeleteRepositoryPolicy']);
    expect(JSON.parse(aws.calls[1]?.body ?? '')).toEqual({ repositoryName: ID });
    expect(result).toMatchObject({ status: 'done', reason: `deleted the policy of ${ID}: all 1 statement(s) were public`, changes: [{ policyDeleted: true }] });
  });

  it.each([
    { name: 'only restricted statements remain', answer: current(doc(owner, orgOnly)), reason: `the policy of ${ID} no longer has public statements` },
    { name: 'the evidence is gone and another public statement is present (untouched)', answer: current(doc(owner, other)), reason: untouched(ID) },
    { name: 'the resource or its policy is gone', answer: awsJsonError('RepositoryPolicyNotFoundException', 'no policy'), reason: `${ID} has no public policy any more (RepositoryPolicyNotFoundException)` },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ GetRepositoryPolicy: answer }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map(operationOf)).toEqual(['GetRepositoryPolicy']);
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it('fails with the AWS error when writing is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ GetRepositoryPolicy: current(doc(owner, open)), SetRepositoryPolicy: awsJsonError('AccessDeniedException', 'denied') }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result.status).toBe('failed');
    expect(result.reason).toContain(`writing the policy of ${ID}: AccessDeniedException`);
  });
});
