import { describe, expect, it } from 'vitest';
import { parseCloudTrailRecord } from '../../shared/formats/aws-cloudtrail.js';
import { assumedRole, cloudTrailRecord, failed, rootIdentity, toEvent } from '../helpers/cloudtrail.js';

describe('parseCloudTrailRecord', () => {
  it('normalizes an IAM user call', () => {
    // Act
    const event = toEvent(cloudTrailRecord({ eventName: 'CreateUser', requestParameters: { userName: 'x' } }));

    // Assess
    expect(event).toMatchObject({
      cloud: 'aws',
      action: 'CreateUser',
      service: 'iam.amazonaws.com',
      outcome: 'success',
      time: '2026-10-01T12:00:00.000Z',
      region: 'eu-west-1',
      actor: { name: 'dev-alice', type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/dev-alice', sourceIp: '198.51.100.7' },
      scope: { account: '111122223333' },
      request: { userName: 'x' },
      response: {},
      source: { key: 'test.json', index: 0 },
    });
  });

  it('names assumed-role sessions role/session and keeps the role ARN', () => {
    const event = toEvent(cloudTrailRecord({ userIdentity: assumedRole('Ops', 'bob') }));
    expect(event.actor).toMatchObject({ name: 'Ops/bob', type: 'AssumedRole', roleArn: 'arn:aws:iam::111122223333:role/Ops' });
  });

  it('names the root user root', () => {
    expect(toEvent(cloudTrailRecord({ userIdentity: rootIdentity() })).actor.name).toBe('root');
  });

  it('marks a call with an error code as failed', () => {
    const event = toEvent(failed(cloudTrailRecord(), 'AccessDenied'));
    expect(event.outcome).toBe('failure');
    expect(event.error?.code).toBe('AccessDenied');
  });

  it('accepts the space-separated time some exporters write', () => {
    expect(toEvent(cloudTrailRecord({ eventTime: '2024-01-01 00:00:00.000' })).time).toBe('2024-01-01T00:00:00.000Z');
  });

  it.each([
    { name: 'a missing eventName', record: { ...cloudTrailRecord(), eventName: undefined }, reason: 'eventName' },
    { name: 'a numeric eventID', record: { ...cloudTrailRecord(), eventID: 42 }, reason: 'eventID' },
    { name: 'a userIdentity of the wrong type', record: { ...cloudTrailRecord(), userIdentity: 'root' }, reason: 'userIdentity' },
    { name: 'a string instead of a record', record: 'hello', reason: 'record' },
  ])('rejects $name, naming the field', ({ record, reason }) => {
    const parsed = parseCloudTrailRecord(record);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});
