import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-cloudtrail-selectors-narrowed.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const put = (requestParameters: Record<string, unknown>) =>
  cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'PutEventSelectors', requestParameters: { trailName: 'org-main', ...requestParameters } });
const s3Data = { type: 'AWS::S3::Object', values: ['arn:aws:s3:::acme-exports/'] };
const mgmt = { field: 'eventCategory', equals: ['Management'] };

describe('aws-cloudtrail-selectors-narrowed', () => {
  it.each([
    {
      name: 'basic selectors without management events',
      record: put({ eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: false, excludeManagementEventSources: [], dataResources: [s3Data] }] }),
      severity: 'critical',
      summary: 'trail org-main: management events excluded',
    },
    {
      name: 'management events limited to reads',
      record: put({ eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: true, dataResources: [] }] }),
      severity: 'high',
      summary: 'trail org-main: write management events excluded (ReadOnly)',
    },
    {
      name: 'a management event source excluded',
      record: put({ eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: ['kms.amazonaws.com'] }] }),
      severity: 'high',
      summary: 'trail org-main: management events of kms.amazonaws.com excluded',
    },
    {
      name: 'advanced selectors with data events only',
      record: put({ advancedEventSelectors: [{ name: 'data', fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }] }] }),
      severity: 'critical',
      summary: 'trail org-main: management events excluded',
    },
    {
      name: 'advanced management selector limited to reads',
      record: put({ advancedEventSelectors: [{ name: 'm', fieldSelectors: [mgmt, { field: 'readOnly', equals: ['true'] }] }] }),
      severity: 'high',
      summary: 'trail org-main: write management events excluded (readOnly = true)',
    },
  ])('fires on $name', ({ record, severity, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity, evidence: { summary }, remediation: { action: 'aws-cloudtrail-restore-management-events', target: { trail: 'org-main' } } });
  });

  it('plans to re-add management events and keep the data selectors', () => {
    // Prepare
    const event = toEvent(put({ eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: false, dataResources: [s3Data] }] }));

    // Act
    const [finding] = rule.match(event, ownContext);

    // Assess
    expect(finding?.remediation?.target.eventSelectors).toEqual([
      { readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: [], dataResources: [s3Data] },
    ]);
  });

  it.each([
    { name: 'all management events plus data events', record: put({ eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [s3Data] }] }) },
    { name: 'a read selector and a write selector', record: put({ eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: true }, { readWriteType: 'WriteOnly', includeManagementEvents: true }] }) },
    { name: 'advanced selectors keeping management events', record: put({ advancedEventSelectors: [{ name: 'm', fieldSelectors: [mgmt] }, { name: 'd', fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }] }] }) },
    { name: 'a denied PutEventSelectors', record: failed(put({ eventSelectors: [{ includeManagementEvents: false }] })) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
