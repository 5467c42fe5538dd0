import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-lambda-function-url-public.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const url = (eventName: string, authType: string) =>
  cloudTrailRecord({
    eventSource: 'lambda.amazonaws.com',
    eventName,
    requestParameters: { functionName: 'billing-export', authType },
    responseElements: { functionUrl: 'https://abc123.lambda-url.eu-west-1.on.aws/', authType, functionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:billing-export' },
  });

describe('aws-lambda-function-url-public', () => {
  it.each([
    { name: 'a new URL with NONE', record: url('CreateFunctionUrlConfig20211031', 'NONE') },
    { name: 'an URL switched to NONE', record: url('UpdateFunctionUrlConfig20211031', 'NONE') },
  ])('fires on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'public-resource',
      evidence: { summary: 'billing-export: function URL https://abc123.lambda-url.eu-west-1.on.aws/ with auth type NONE' },
      // Opt-in plan: runs only with remediate: true and remediation.allowBreakingChanges (see the action).
      remediation: { action: 'aws-lambda-function-url-require-iam', target: { functionName: 'billing-export', region: 'eu-west-1' } },
    });
  });

  it.each([
    { name: 'an URL with AWS_IAM', record: url('CreateFunctionUrlConfig20211031', 'AWS_IAM') },
    { name: 'a denied URL with NONE', record: failed(url('CreateFunctionUrlConfig20211031', 'NONE')) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
