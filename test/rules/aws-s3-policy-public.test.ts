import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-s3-policy-public.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const read = { Sid: 'PublicRead', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-exports/*' };
function putPolicy(bucketPolicy: unknown, extra: Record<string, unknown> = {}) {
  return cloudTrailRecord({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    requestParameters: { bucketName: 'acme-exports', Host: 'acme-exports.s3.eu-west-1.amazonaws.com', policy: '', bucketPolicy, ...extra },
  });
}
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

describe('aws-s3-policy-public', () => {
  it.each([
    { name: 'Principal "*"', record: putPolicy(doc({ ...read, Principal: '*' })), severity: 'high' },
    { name: 'Principal {"AWS":"*"} as a single statement object', record: putPolicy({ Version: '2012-10-17', Statement: { ...read, Principal: { AWS: '*' } } }), severity: 'high' },
    { name: 'Principal {"AWS":["*"]}', record: putPolicy(doc({ ...read, Principal: { AWS: ['*'] } })), severity: 'high' },
    { name: 'a JSON string policy', record: putPolicy(JSON.stringify(doc({ ...read, Principal: '*' }))), severity: 'high' },
    { name: 'public write', record: putPolicy(doc({ ...read, Action: ['s3:PutObject'], Principal: '*' })), severity: 'critical' },
    { name: 'a transport-only condition', record: putPolicy(doc({ ...read, Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), severity: 'high' },
    { name: 'a negated IP condition', record: putPolicy(doc({ ...read, Principal: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } })), severity: 'high' },
  ])('fires on $name', ({ record, severity }) => {
    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-bucket', severity, resource: { type: 's3-bucket', id: 'acme-exports' }, remediation: { action: 'aws-s3-remove-public-policy', target: { bucket: 'acme-exports' } } });
    expect(findings[0]?.evidence.details.statements).toHaveLength(1);
  });

  it.each([
    { name: 'a service principal', record: putPolicy(doc({ ...read, Principal: { Service: 'cloudtrail.amazonaws.com' } })) },
    { name: 'Principal * limited to the organization', record: putPolicy(doc({ ...read, Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })) },
    { name: 'Principal * limited to a VPC endpoint', record: putPolicy(doc({ ...read, Principal: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } } })) },
    { name: 'Principal * limited to an IP range', record: putPolicy(doc({ ...read, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } } })) },
    { name: 'a Deny * statement', record: putPolicy(doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })) },
    { name: 'an unparseable policy string', record: putPolicy('invalid-json-policy') },
    { name: 'null request parameters', record: cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: null }) },
    { name: 'a missing bucket name', record: putPolicy(doc({ ...read, Principal: '*' }), { bucketName: undefined }) },
    { name: 'a denied public policy', record: failed(putPolicy(doc({ ...read, Principal: '*' }))) },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toEvent(record), ownContext)).toEqual([]);
  });
});
