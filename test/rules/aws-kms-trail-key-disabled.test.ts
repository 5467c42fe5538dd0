import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-kms-trail-key-disabled.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { trailContext } from '../helpers/trails.js';

const KEY = '1f2e3d4c-0000-4000-8000-00000000abcd';
const call = (eventName: string, requestParameters: Record<string, unknown>) =>
  cloudTrailRecord({ eventSource: 'kms.amazonaws.com', eventName, requestParameters });

describe('aws-kms-trail-key-disabled', () => {
  it.each([
    { name: 'DisableKey by key id', record: call('DisableKey', { keyId: KEY }), summary: `KMS key ${KEY} disabled; it encrypts trail org-main` },
    { name: 'ScheduleKeyDeletion by key ARN', record: call('ScheduleKeyDeletion', { keyId: `arn:aws:kms:eu-west-1:111122223333:key/${KEY}`, pendingWindowInDays: 7 }), summary: `KMS key arn:aws:kms:eu-west-1:111122223333:key/${KEY} scheduled for deletion in 7 days; it encrypts trail org-main` },
  ])('fires on $name', ({ record, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'audit-tampering', severity: 'critical', evidence: { summary } });
  });

  it.each([
    { name: 'a key no trail uses', record: call('DisableKey', { keyId: '99999999-0000-4000-8000-000000000000' }) },
    { name: 'EnableKey on the trail key', record: call('EnableKey', { keyId: KEY }) },
    { name: 'a denied DisableKey', record: failed(call('DisableKey', { keyId: KEY })) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, trailContext());

    // Assess
    expect(findings).toEqual([]);
  });
});
