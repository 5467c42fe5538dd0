import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-lambda-permission-public.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const add = (requestParameters: Record<string, unknown>, eventName = 'AddPermission20150331v2') =>
  cloudTrailRecord({ eventSource: 'lambda.amazonaws.com', eventName, requestParameters: { functionName: 'billing-export', statementId: 'open', action: 'lambda:InvokeFunction', ...requestParameters } });

describe('aws-lambda-permission-public', () => {
  it.each([
    { name: 'principal * (v2 event name)', record: add({ principal: '*' }), severity: 'critical', summary: 'billing-export: lambda:InvokeFunction allowed to everyone (*) (statement open)' },
    { name: 'principal * (v1 event name)', record: add({ principal: '*' }, 'AddPermission20150331'), severity: 'critical', summary: 'billing-export: lambda:InvokeFunction allowed to everyone (*) (statement open)' },
    { name: 'an outside account', record: add({ principal: 'arn:aws:iam::444455556666:root' }), severity: 'high', summary: 'billing-export: lambda:InvokeFunction allowed to account 444455556666 (statement open)' },
  ])('fires on $name', ({ record, severity, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-resource', severity, evidence: { summary }, remediation: { action: 'aws-lambda-remove-permission', target: { functionName: 'billing-export', statementId: 'open', region: 'eu-west-1' } } });
  });

  it.each([
    { name: 'a service principal', record: add({ principal: 's3.amazonaws.com', sourceArn: 'arn:aws:s3:::acme-uploads' }) },
    { name: 'principal * pinned by sourceAccount', record: add({ principal: '*', sourceAccount: '111122223333' }) },
    { name: 'principal * pinned by principalOrgID', record: add({ principal: '*', principalOrgID: 'o-a1b2c3d4e5' }) },
    { name: 'the own account', record: add({ principal: '111122223333' }) },
    { name: 'a request without a principal', record: add({ principal: undefined }) },
    { name: 'RemovePermission', record: add({ principal: '*' }, 'RemovePermission20150331v2') },
    { name: 'a denied AddPermission', record: failed(add({ principal: '*' })) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
