import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import type { ConfigInput } from '../../shared/config/schema.js';
import { action } from '../../shared/remediation/aws-lambda-function-url-require-iam.js';
import { remediate } from '../../shared/remediation/gate.js';
import { rule } from '../../shared/rules/aws-lambda-function-url-public.js';
import { ruleIds } from '../../shared/rules/index.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, jsonOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { awsJsonError } from '../helpers/aws-json.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const URL_PATH = '/2021-10-31/functions/billing-export/url';
const urlConfig = (AuthType: string) =>
  jsonOk({ FunctionUrl: 'https://abc123.lambda-url.eu-west-1.on.aws/', FunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:billing-export', AuthType, Cors: { AllowOrigins: ['https://app.example.com'] }, CreationTime: '2026-10-01T12:00:00Z', LastModifiedTime: '2026-10-01T12:00:00Z', InvokeMode: 'BUFFERED' });

function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({ eventSource: 'lambda.amazonaws.com', eventName: 'CreateFunctionUrlConfig20211031', requestParameters: { functionName: 'billing-export', authType: 'NONE' }, responseElements: { functionUrl: 'https://abc123.lambda-url.eu-west-1.on.aws/', authType: 'NONE' } });
  return findingFor(rule, record);
}

describe('aws-lambda-function-url-require-iam', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('switches the URL from NONE to AWS_IAM and sends nothing else', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${URL_PATH}`, urlConfig('NONE'));
    aws.on(`PUT ${URL_PATH}`, urlConfig('AWS_IAM'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, c.method, c.path])).toEqual([
      ['lambda', 'eu-west-1', 'GET', URL_PATH],
      ['lambda', 'eu-west-1', 'PUT', URL_PATH],
    ]);
    expect(JSON.parse(aws.calls[1]?.body ?? '')).toEqual({ AuthType: 'AWS_IAM' });
    expect(result).toEqual({
      status: 'done',
      reason: 'switched the function URL of billing-export from NONE to AWS_IAM (unsigned callers are refused from now on)',
      changes: [{ functionName: 'billing-export', authType: { from: 'NONE', to: 'AWS_IAM' } }],
    });
  });

  it.each([
    { name: 'the URL already requires IAM', answer: urlConfig('AWS_IAM'), reason: 'the function URL of billing-export already requires AWS_IAM' },
    { name: 'the URL is gone', answer: awsJsonError('ResourceNotFoundException', 'The resource you requested does not exist.', 404), reason: 'billing-export has no function URL any more (ResourceNotFoundException)' },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${URL_PATH}`, answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls).toHaveLength(1);
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it('fails with the AWS error when the switch is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${URL_PATH}`, urlConfig('NONE'));
    aws.on(`PUT ${URL_PATH}`, awsJsonError('AccessDeniedException', 'denied', 403));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('switching the function URL of billing-export to AWS_IAM: AccessDeniedException');
  });

  it.each([
    { name: 'remediate alone', remediation: {}, calls: 0, status: 'skipped' },
    { name: 'remediate and allowBreakingChanges', remediation: { allowBreakingChanges: true }, calls: 2, status: 'done' },
  ])('runs through the gate only when the admin opts in twice: $name', async ({ remediation, calls, status }) => {
    // Prepare
    const input: ConfigInput = { rules: { 'aws-lambda-function-url-public': { remediate: true } }, remediation: { mode: 'enforce', accountId: '111122223333', ...remediation } };
    const config = loadConfig({ env: { AUDIT_RESPONDER_CONFIG_JSON: JSON.stringify(input) }, ruleIds });
    aws.on(`GET ${URL_PATH}`, urlConfig('NONE'));
    aws.on(`PUT ${URL_PATH}`, urlConfig('AWS_IAM'));
    const logger = { log: () => {} };

    // Act
    const [out] = await remediate([finding().finding], { config, actions: new Map([[action.id, action]]), context: () => aws.context(), logger });

    // Assess
    expect(aws.calls).toHaveLength(calls);
    expect(out?.remediationOutcome?.status).toBe(status);
    if (status === 'skipped') {
      expect(out?.remediationOutcome?.reason).toBe(
        'aws-lambda-function-url-require-iam is a breaking change (switching a function URL to AWS_IAM refuses every caller that does not sign its requests): not applied unless remediation.allowBreakingChanges is true',
      );
    }
  });
});
