import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-s3-policy-public.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const read = { Sid: 'PublicRead', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-exports/*' };
const tlsOnly = {
  Sid: 'DenyPlainHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::acme-exports', 'arn:aws:s3:::acme-exports/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

/** PutBucketPolicy as S3 logs it: the policy parsed into `bucketPolicy`, `policy` an empty header list. */
function putPolicy(bucketPolicy: unknown, extra: Record<string, unknown> = {}) {
  return cloudTrailRecord({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    requestParameters: { bucketName: 'acme-exports', Host: 'acme-exports.s3.eu-west-1.amazonaws.com', policy: [''], bucketPolicy, ...extra },
  });
}
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

describe('aws-s3-policy-public', () => {
  it.each([
    { name: 'Principal "*"', record: putPolicy(doc({ ...read, Principal: '*' })), severity: 'high', summary: 'acme-exports: Allow * s3:GetObject', sids: 'PublicRead' },
    {
      name: 'Principal {"AWS":"*"} as a single statement object',
      record: putPolicy({ Version: '2012-10-17', Statement: { ...read, Principal: { AWS: '*' } } }),
      severity: 'high',
      summary: 'acme-exports: Allow * s3:GetObject',
      sids: 'PublicRead',
    },
    { name: 'Principal {"AWS":["*"]}', record: putPolicy(doc({ ...read, Principal: { AWS: ['*'] } })), severity: 'high', summary: 'acme-exports: Allow * s3:GetObject', sids: 'PublicRead' },
    { name: 'a JSON string policy', record: putPolicy(JSON.stringify(doc({ ...read, Principal: '*' }))), severity: 'high', summary: 'acme-exports: Allow * s3:GetObject', sids: 'PublicRead' },
    {
      name: 'a URL-encoded policy string',
      record: putPolicy(encodeURIComponent(JSON.stringify(doc({ ...read, Principal: '*' })))),
      severity: 'high',
      summary: 'acme-exports: Allow * s3:GetObject',
      sids: 'PublicRead',
    },
    {
      name: 'public write next to a TLS-only deny',
      record: putPolicy(doc(tlsOnly, { ...read, Sid: 'Uploads', Action: ['s3:PutObject'], Principal: '*' })),
      severity: 'critical',
      summary: 'acme-exports: Allow * s3:PutObject',
      sids: 'Uploads',
    },
    {
      name: 'a transport-only condition',
      record: putPolicy(doc({ ...read, Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })),
      severity: 'high',
      summary: 'acme-exports: Allow * s3:GetObject (condition does not restrict callers)',
      sids: 'PublicRead',
    },
    {
      name: 'a negated IP condition',
      record: putPolicy(doc({ ...read, Principal: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } })),
      severity: 'high',
      summary: 'acme-exports: Allow * s3:GetObject (condition does not restrict callers)',
      sids: 'PublicRead',
    },
    {
      name: 'an IP condition that allows every address',
      record: putPolicy(doc({ ...read, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })),
      severity: 'high',
      summary: 'acme-exports: Allow * s3:GetObject (condition does not restrict callers)',
      sids: 'PublicRead',
    },
  ])('fires on $name', ({ record, severity, summary, sids }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      category: 'public-bucket',
      severity,
      resource: { type: 's3-bucket', id: 'acme-exports', consoleUrl: 'https://s3.console.aws.amazon.com/s3/buckets/acme-exports?tab=permissions' },
      evidence: { summary, details: { bucket: 'acme-exports' } },
      remediation: { action: 'aws-s3-remove-public-policy', target: { bucket: 'acme-exports' } },
    });
    expect(finding?.evidence.details.statements).toEqual([expect.objectContaining({ Sid: sids, Effect: 'Allow' })]);
    expect(finding?.remediation?.target.statements).toEqual(finding?.evidence.details.statements);
    expect(finding?.remediation?.summary).toContain(`(${sids})`);
  });

  it.each([
    { name: 'a service principal', record: putPolicy(doc({ ...read, Principal: { Service: 'cloudtrail.amazonaws.com' } })) },
    { name: 'another account as principal', record: putPolicy(doc({ ...read, Principal: { AWS: 'arn:aws:iam::444455556666:root' } })) },
    { name: 'Principal * limited to the organization', record: putPolicy(doc({ ...read, Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })) },
    { name: 'Principal * limited to a VPC endpoint', record: putPolicy(doc({ ...read, Principal: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } } })) },
    { name: 'Principal * limited to an IP range', record: putPolicy(doc({ ...read, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } } })) },
    { name: 'Principal * limited to a source account', record: putPolicy(doc({ ...read, Principal: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } })) },
    { name: 'a TLS-only Deny * statement', record: putPolicy(doc(tlsOnly)) },
    { name: 'an unparseable policy string', record: putPolicy('invalid-json-policy') },
    { name: 'a policy without statements', record: putPolicy({ Version: '2012-10-17' }) },
    { name: 'null request parameters', record: cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: null }) },
    { name: 'a missing bucket name', record: putPolicy(doc({ ...read, Principal: '*' }), { bucketName: undefined }) },
    { name: 'a denied public policy', record: failed(putPolicy(doc({ ...read, Principal: '*' }))) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('aws-s3-policy-public: "public" as AWS defines it', () => {
  const open = (Condition: object, extra: object = {}) => putPolicy(doc({ ...read, Principal: '*', Condition, ...extra }));
  it.each([
    { name: 'a negated org condition', record: open({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }), reason: /negated/ },
    { name: 'an IfExists VPC endpoint condition', record: open({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-0abc' } }), reason: /IfExists/ },
    { name: 'ForAllValues on the org id', record: open({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }), reason: /ForAllValues/ },
    { name: 'the root of every account as principal ARN', record: open({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } }), reason: /pattern/ },
    { name: 'a wildcard source account', record: open({ StringLike: { 'aws:SourceAccount': '*' } }), reason: /pattern/ },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal IAM policy variable, not a template
    { name: 'a policy variable as user id', record: open({ StringEquals: { 'aws:userid': '${aws:userid}' } }), reason: /pattern/ },
    { name: 'two /1 halves as source IPs', record: open({ IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1'] } }), reason: /cover the internet/ },
    { name: 'a referer condition', record: open({ StringLike: { 'aws:Referer': 'https://www.example.com/*' } }), reason: /does not name the caller/ },
    { name: 'NotPrincipal with Allow', record: putPolicy(doc({ ...read, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } })), reason: /no condition/ },
    { name: 'a principal list holding *', record: putPolicy(doc({ ...read, Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } })), reason: /no condition/ },
  ])('fires on $name', ({ record, reason }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    const why = findings[0]?.evidence.details.why as { reasons: string[] }[];
    expect(why[0]?.reasons.join(' ')).toMatch(reason);
  });

  it.each([
    { name: 'a fixed org id', record: open({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }) },
    { name: 'ForAnyValue on fixed org paths', record: open({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'] } }) },
    { name: 'a fixed source ARN', record: open({ ArnEquals: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE' } }) },
    { name: 'a fixed access point account', record: open({ StringEquals: { 's3:DataAccessPointAccount': '111122223333' } }) },
    { name: 'one office range under IfExists (every caller sends aws:SourceIp)', record: open({ IpAddressIfExists: { 'aws:SourceIp': '203.0.113.0/24' } }) },
    { name: '0.0.0.0/8 as source range', record: open({ IpAddress: { 'aws:SourceIp': '0.0.0.0/8' } }) },
    { name: 'a deny-only policy', record: putPolicy(doc(tlsOnly, { ...tlsOnly, Sid: 'DenyOld', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } })) },
    { name: 'TLS plus a fixed VPC endpoint (ANDed)', record: open({ Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } }) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
