import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-lambda-remove-permission.js';
import { rule } from '../../shared/rules/aws-lambda-permission-public.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, empty, jsonOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { awsJsonError } from '../helpers/aws-json.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const POLICY = '/2015-03-31/functions/billing-export/policy';
const open = { Sid: 'open', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:billing-export' };
const s3 = { Sid: 's3-events', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: open.Resource };
const policy = (...Statement: object[]) => jsonOk({ Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement }), RevisionId: 'r1' });

function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({ eventSource: 'lambda.amazonaws.com', eventName: 'AddPermission20150331v2', requestParameters: { functionName: 'billing-export', statementId: 'open', action: 'lambda:InvokeFunction', principal: '*' } });
  return findingFor(rule, record);
}

describe('aws-lambda-remove-permission', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('removes exactly that statement id', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${POLICY}`, policy(s3, open));
    aws.on(`DELETE ${POLICY}/open`, empty(204));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.method, c.path])).toEqual([
      ['lambda', 'eu-west-1', 'GET', POLICY],
      ['lambda', 'eu-west-1', 'DELETE', `${POLICY}/open`],
    ]);
    expect(result).toEqual({ status: 'done', reason: 'removed permission statement open from billing-export', changes: [{ functionName: 'billing-export', statementId: 'open', removedStatement: open }] });
  });

  it.each([
    { name: 'the statement is gone', answer: policy(s3), reason: 'statement open of billing-export no longer exists' },
    { name: 'the statement is gone and another public statement is present (untouched)', answer: policy(s3, { ...open, Sid: 'other-public' }), reason: 'statement open of billing-export no longer exists' },
    { name: 'the function is gone', answer: awsJsonError('ResourceNotFoundException', 'Function not found', 404), reason: 'statement open of billing-export no longer exists (ResourceNotFoundException)' },
  ])('is already fixed when $name', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${POLICY}`, answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls).toHaveLength(1);
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it('leaves a statement id reused for another principal alone', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${POLICY}`, policy({ ...s3, Sid: 'open' }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls).toHaveLength(1);
    expect(result).toEqual({ status: 'skipped', reason: 'statement open of billing-export now names s3.amazonaws.com, not *: left alone' });
  });

  it('fails with the AWS error when removing is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${POLICY}`, policy(open));
    aws.on(`DELETE ${POLICY}/open`, awsJsonError('AccessDeniedException', 'denied', 403));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('removing statement open from billing-export: AccessDeniedException');
  });
});
