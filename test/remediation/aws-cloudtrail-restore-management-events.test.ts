import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-cloudtrail-restore-management-events.js';
import { rule } from '../../shared/rules/aws-cloudtrail-selectors-narrowed.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, startFakeAws } from '../helpers/aws-endpoint.js';
import { awsJson, awsJsonError, byTarget, operationOf } from '../helpers/aws-json.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const data = { Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::acme-exports/'] };

function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'PutEventSelectors',
    requestParameters: { trailName: 'org-main', eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: false, dataResources: [{ type: data.Type, values: data.Values }] }] },
  });
  return findingFor(rule, record);
}

describe('aws-cloudtrail-restore-management-events', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('re-adds management events to the current selectors and keeps their data resources', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    const current = { TrailARN: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main', EventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: false, DataResources: [data], ExcludeManagementEventSources: [] }] };
    aws.on('POST /', byTarget({ GetEventSelectors: awsJson(current), PutEventSelectors: awsJson({}) }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map(operationOf)).toEqual(['GetEventSelectors', 'PutEventSelectors']);
    expect(JSON.parse(aws.calls[1]?.body ?? '')).toEqual({
      TrailName: 'org-main',
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [data], ExcludeManagementEventSources: [] }],
    });
    expect(result).toMatchObject({ status: 'done', reason: 're-added all management events to trail org-main, kept its data-event selectors' });
  });

  it('adds a management selector in front of advanced data selectors', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    const dataOnly = { Name: 'data', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] };
    aws.on('POST /', byTarget({ GetEventSelectors: awsJson({ AdvancedEventSelectors: [dataOnly] }), PutEventSelectors: awsJson({}) }));

    // Act
    await action.apply(plan, f, aws.context());

    // Assess
    expect(JSON.parse(aws.calls[1]?.body ?? '').AdvancedEventSelectors).toEqual([
      { Name: 'Management events (restored by audit-responder)', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      dataOnly,
    ]);
  });

  it.each([
    { name: 'the selectors record every management event', answer: awsJson({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }), reason: 'trail org-main records every management event again' },
    { name: 'the trail is gone', answer: awsJsonError('TrailNotFoundException', 'Unknown trail'), reason: 'trail org-main no longer exists (TrailNotFoundException)' },
  ])('is already fixed when $name', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ GetEventSelectors: answer }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map(operationOf)).toEqual(['GetEventSelectors']);
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it('fails with the AWS error when writing is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ GetEventSelectors: awsJson({ EventSelectors: [{ IncludeManagementEvents: false }] }), PutEventSelectors: awsJsonError('AccessDeniedException', 'no') }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toMatchObject({ status: 'failed' });
    expect(result.reason).toContain('AccessDeniedException');
  });
});
