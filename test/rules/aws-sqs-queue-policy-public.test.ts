import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-sqs-queue-policy-public.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const open = { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' };
const owner = { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: '*', Resource: '*' };
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const put = (policy: unknown) => cloudTrailRecord({ eventSource: 'sqs.amazonaws.com', eventName: 'SetQueueAttributes', requestParameters: { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders', attributes: { Policy: JSON.stringify(policy) } } });

describe('aws-sqs-queue-policy-public', () => {
  it.each([
    { name: 'Principal * without a condition', record: put(doc(owner, open)) },
    { name: 'Principal {"AWS":"*"}', record: put(doc({ ...open, Principal: { AWS: '*' } })) },
    { name: 'CreateQueue with a public policy object', record: cloudTrailRecord({ eventSource: 'sqs.amazonaws.com', eventName: 'CreateQueue', requestParameters: { queueName: 'orders', attributes: { Policy: doc(open) } }, responseElements: { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders' } }) },
  ])('fires on $name', ({ record, ...rest }) => {
    // Prepare
    const event = toEvent(record);
    const noId = 'noId' in rest;

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-resource', severity: 'high' });
    expect(findings[0]?.evidence.summary).toContain('Allow * sqs:SendMessage');
    expect(findings[0]?.evidence.details.statements).toEqual([expect.objectContaining({ Sid: 'Open' })]);
    if (noId) expect(findings[0]?.remediation).toBeNull();
    else expect(findings[0]?.remediation).toMatchObject({ target: { id: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders', queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders', statements: [expect.objectContaining({ Sid: 'Open' })] } });
  });

  it('rates a wildcard action critical', () => {
    // Prepare
    const event = toEvent(put(doc({ ...open, Action: '*' })));

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings[0]?.severity).toBe('critical');
  });

  it.each([
    { name: 'Principal * pinned by aws:SourceAccount', record: put(doc({ ...open, Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } })) },
    { name: 'Principal * limited to the organization', record: put(doc({ ...open, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })) },
    { name: 'a service principal', record: put(doc({ ...open, Principal: { Service: 'events.amazonaws.com' } })) },
    { name: 'only the own account', record: put(doc(owner)) },
    { name: 'a Deny * statement', record: put(doc(owner, { ...open, Effect: 'Deny' })) },
    { name: 'an unparseable policy', record: put('not-a-policy') },
    { name: 'a denied call', record: failed(put(doc(open))) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
