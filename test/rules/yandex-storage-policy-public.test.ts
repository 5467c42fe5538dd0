import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-storage-policy-public.js';
import { ownContext } from '../helpers/rules.js';
import { deniedYandex, failedYandex, startedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const FOLDER = 'b1gvmob95yexample001';

/** BucketPolicyUpdate as Audit Trails logs it: the policy is a JSON string in `policy_text`. */
const policy = (...Statement: object[]) =>
  yandexEvent('storage', 'BucketPolicyUpdate', { bucket_id: 'acme-docs', policy_text: JSON.stringify({ Version: '2012-10-17', Statement }) });
const publicRead = { Sid: 'public-read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-docs/*' };
const etl = { Sid: 'etl', Effect: 'Allow', Principal: { CanonicalUser: ['ajeetl00000000000001'] }, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme-docs/*' };
const when = (Condition: object) => ({ ...publicRead, Condition });

describe('yandex-storage-policy-public', () => {
  it.each([
    { name: 'public read', record: policy(publicRead), severity: 'high', summary: 'acme-docs: Allow * s3:GetObject', statements: [publicRead], sids: '(public-read)' },
    {
      name: 'everything to everyone, unnamed',
      record: policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: ['arn:aws:s3:::acme-docs', 'arn:aws:s3:::acme-docs/*'] }),
      severity: 'critical',
      summary: 'acme-docs: Allow * *',
      statements: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: ['arn:aws:s3:::acme-docs', 'arn:aws:s3:::acme-docs/*'] }],
      sids: '(statement 1)',
    },
    {
      name: 'a public listing after a scoped service-account statement',
      record: policy(etl, { Sid: 'list', Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-docs' }),
      severity: 'high',
      summary: 'acme-docs: Allow * s3:ListBucket',
      statements: [{ Sid: 'list', Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-docs' }],
      sids: '(list)',
    },
    {
      name: 'public upload via {"CanonicalUser":"*"}',
      record: policy({ ...publicRead, Sid: 'drop', Principal: { CanonicalUser: '*' }, Action: 's3:PutObject' }),
      severity: 'critical',
      summary: 'acme-docs: Allow * s3:PutObject',
      statements: [{ ...publicRead, Sid: 'drop', Principal: { CanonicalUser: '*' }, Action: 's3:PutObject' }],
      sids: '(drop)',
    },
    {
      name: 'a Referer condition (any client can send it)',
      record: policy(when({ StringLike: { 'aws:referer': 'https://acme.example/*' } })),
      severity: 'high',
      summary: 'acme-docs: Allow * s3:GetObject',
      statements: [when({ StringLike: { 'aws:referer': 'https://acme.example/*' } })],
      sids: '(public-read)',
    },
    {
      name: 'a source IP condition of 0.0.0.0/0',
      record: policy(when({ IpAddress: { 'aws:sourceip': '0.0.0.0/0' } })),
      severity: 'high',
      summary: 'acme-docs: Allow * s3:GetObject',
      statements: [when({ IpAddress: { 'aws:sourceip': '0.0.0.0/0' } })],
      sids: '(public-read)',
    },
    {
      name: 'a NotIpAddress condition (everyone but one range)',
      record: policy(when({ NotIpAddress: { 'aws:sourceip': '198.51.100.0/24' } })),
      severity: 'high',
      summary: 'acme-docs: Allow * s3:GetObject',
      statements: [when({ NotIpAddress: { 'aws:sourceip': '198.51.100.0/24' } })],
      sids: '(public-read)',
    },
    {
      name: 'a private-endpoint condition that is only a wildcard',
      record: policy(when({ StringLike: { 'yc:private-endpoint-id': '*' } })),
      severity: 'high',
      summary: 'acme-docs: Allow * s3:GetObject',
      statements: [when({ StringLike: { 'yc:private-endpoint-id': '*' } })],
      sids: '(public-read)',
    },
    {
      name: 'a principal list holding "*"',
      record: policy({ ...publicRead, Principal: ['*'] }),
      severity: 'high',
      summary: 'acme-docs: Allow * s3:GetObject',
      statements: [{ ...publicRead, Principal: ['*'] }],
      sids: '(public-read)',
    },
  ])('fires on $name', ({ record, severity, summary, statements, sids }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'public-bucket',
      severity,
      resource: { type: 'yandex-bucket', id: 'acme-docs', consoleUrl: `https://console.yandex.cloud/folders/${FOLDER}/storage/buckets/acme-docs` },
      evidence: { summary, details: { bucket: 'acme-docs', statements } },
      remediation: { action: 'yandex-storage-remove-public-policy', target: { bucket: 'acme-docs', statements } },
    });
    expect(findings[0]?.remediation?.summary).toContain(sids);
  });

  it('reads a policy given as an object', () => {
    // Prepare
    const record = yandexEvent('storage', 'BucketPolicyUpdate', { bucket_id: 'acme-docs', policy: { Statement: publicRead } });

    // Act
    const findings = rule.match(toYandexEvent(record), ownContext);

    // Assess
    expect(findings.map((f) => f.evidence.summary)).toEqual(['acme-docs: Allow * s3:GetObject']);
  });

  it.each([
    { name: 'a specific canonical user', record: policy(etl) },
    { name: 'Deny * over plain HTTP', record: policy({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
    { name: 'public read limited to an office range', record: policy(when({ IpAddress: { 'aws:sourceip': ['10.0.0.0/8', '198.51.100.0/24'] } })) },
    { name: 'public read limited to a VPC service connection', record: policy(when({ StringEquals: { 'yc:private-endpoint-id': 'enpd7rq1s3f5example01' } })) },
    { name: 'public read limited to one user id', record: policy(when({ StringEquals: { 'aws:userid': 'ajeetl00000000000001' } })) },
    { name: 'an empty policy (deleted)', record: yandexEvent('storage', 'BucketPolicyUpdate', { bucket_id: 'acme-docs', policy_text: '' }) },
    { name: 'policy text that is not JSON', record: yandexEvent('storage', 'BucketPolicyUpdate', { bucket_id: 'acme-docs', policy_text: '{"Statement":[{"Effect":"Allow","Principal":"*"' }) },
    { name: 'a statement without Effect', record: policy({ Principal: '*', Action: 's3:GetObject', Resource: '*' }) },
    { name: 'a failed update (ERROR)', record: failedYandex(policy(publicRead)) },
    { name: 'an update refused by IAM', record: deniedYandex(policy(publicRead)) },
    { name: 'an update not finished (STARTED)', record: startedYandex(policy(publicRead)) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('yandex-storage-policy-public: the condition keys Object Storage documents', () => {
  it.each([
    { name: 'a negated private endpoint', record: policy(when({ StringNotEquals: { 'yc:private-endpoint-id': 'enpendpoint000000001' } })) },
    { name: 'an IfExists user id', record: policy(when({ StringEqualsIfExists: { 'aws:userid': 'ajeuser0000000000001' } })) },
    { name: 'a wildcard user id', record: policy(when({ StringLike: { 'aws:userid': 'aje*' } })) },
    { name: 'source ranges that cover the internet in halves', record: policy(when({ IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1'] } })) },
    { name: 'a NotIpAddress office range', record: policy(when({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })) },
    { name: 'a user-agent condition', record: policy(when({ StringEquals: { 'aws:UserAgent': 'acme-sync/2.0' } })) },
    { name: 'an AWS org id (not a Yandex key)', record: policy(when({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })) },
    { name: 'NotPrincipal with Allow', record: policy({ ...publicRead, Principal: undefined, NotPrincipal: { CanonicalUser: ['ajeetl00000000000001'] } }) },
  ])('fires on $name', ({ record }) => {
    // Act
    const findings = rule.match(toYandexEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]?.category).toBe('public-bucket');
  });

  it.each([
    { name: 'one office range', record: policy(when({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })) },
    { name: 'a fixed private endpoint', record: policy(when({ StringEquals: { 'yc:private-endpoint-id': 'enpendpoint000000001' } })) },
    { name: 'a fixed user id', record: policy(when({ StringEquals: { 'aws:userid': 'ajeuser0000000000001' } })) },
    { name: 'a deny-only policy', record: policy({ ...publicRead, Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
  ])('does not fire on $name', ({ record }) => {
    // Act
    const findings = rule.match(toYandexEvent(record), ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
