import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-s3-trail-bucket-lifecycle-short.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { trailContext } from '../helpers/trails.js';

const put = (bucketName: string, Rule: unknown) =>
  cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketLifecycle', requestParameters: { bucketName, Host: `${bucketName}.s3.eu-west-1.amazonaws.com`, lifecycle: [''], LifecycleConfiguration: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', Rule } } });
const rule1 = (days: number, prefix = '', status = 'Enabled') => ({ ID: 'wipe', Status: status, Filter: { Prefix: prefix }, Expiration: { Days: days } });

describe('aws-s3-trail-bucket-lifecycle-short', () => {
  it.each([
    { name: '1-day expiry of the whole trail bucket', record: put('acme-org-logs', rule1(1)), context: trailContext(), severity: 'critical', summary: 'acme-org-logs: rule wipe expires all objects after 1 day(s) (retention 30 days; destination of trail org-main)' },
    { name: 'expiry of the trail prefix, in a list', record: put('acme-org-logs', [rule1(10, 'main/AWSLogs/')]), context: trailContext(), severity: 'high', summary: 'acme-org-logs: rule wipe expires main/AWSLogs/ after 10 day(s) (retention 30 days; destination of trail org-main)' },
    { name: 'a stricter configured threshold', record: put('acme-org-logs', rule1(60)), context: trailContext(undefined, 90), severity: 'high', summary: 'acme-org-logs: rule wipe expires all objects after 60 day(s) (retention 90 days; destination of trail org-main)' },
    { name: 'AWSLogs/ expiry on an unknown bucket', record: put('misc-store', rule1(3, 'AWSLogs/')), context: trailContext([]), severity: 'critical', summary: 'misc-store: rule wipe expires AWSLogs/ after 3 day(s) (retention 30 days)' },
  ])('fires on $name', ({ record, context, severity, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, context);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity, evidence: { summary } });
  });

  it.each([
    { name: 'a long expiry on the trail bucket', record: put('acme-org-logs', rule1(365)) },
    { name: 'a disabled rule', record: put('acme-org-logs', rule1(1, '', 'Disabled')) },
    { name: 'a rule on another prefix', record: put('acme-org-logs', rule1(1, 'tmp/')) },
    { name: 'noncurrent versions only', record: put('acme-org-logs', { ID: 'nc', Status: 'Enabled', Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }) },
    { name: 'a short expiry on an ordinary bucket', record: put('build-cache', rule1(1)) },
    { name: 'a denied lifecycle change', record: failed(put('acme-org-logs', rule1(1))) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toEqual([]);
  });
});
