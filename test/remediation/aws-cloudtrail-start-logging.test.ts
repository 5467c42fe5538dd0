import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-cloudtrail-start-logging.js';
import { rule } from '../../shared/rules/aws-cloudtrail-logging-stopped.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, startFakeAws } from '../helpers/aws-endpoint.js';
import { awsJson, awsJsonError, byTarget, operationOf } from '../helpers/aws-json.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 'org-main' } });
  return findingFor(rule, record);
}

describe('aws-cloudtrail-start-logging', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('starts logging on exactly that trail', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ GetTrailStatus: awsJson({ IsLogging: false }), StartLogging: awsJson({}) }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, operationOf(c), JSON.parse(c.body)])).toEqual([
      ['cloudtrail', 'eu-west-1', 'GetTrailStatus', { Name: 'org-main' }],
      ['cloudtrail', 'eu-west-1', 'StartLogging', { Name: 'org-main' }],
    ]);
    expect(result).toEqual({ status: 'done', reason: 'started logging again on trail org-main', changes: [{ trail: 'org-main', startedLogging: true }] });
  });

  it.each([
    { name: 'the trail logs again', answer: awsJson({ IsLogging: true }), reason: 'trail org-main is logging again' },
    { name: 'the trail is gone', answer: awsJsonError('TrailNotFoundException', 'Unknown trail'), reason: 'trail org-main no longer exists (TrailNotFoundException)' },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ GetTrailStatus: answer }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map(operationOf)).toEqual(['GetTrailStatus']);
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it('fails with the AWS error when starting is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ GetTrailStatus: awsJson({ IsLogging: false }), StartLogging: awsJsonError('AccessDeniedException', 'not allowed') }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('starting logging on trail org-main: AccessDeniedException');
  });
});
