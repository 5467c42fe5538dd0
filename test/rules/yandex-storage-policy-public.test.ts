import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-storage-policy-public.js';
import { ownContext } from '../helpers/rules.js';
import { failedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const policy = (...Statement: object[]) =>
  yandexEvent('storage', 'BucketPolicyUpdate', { bucket_id: 'acme-docs', policy_text: JSON.stringify({ Version: '2012-10-17', Statement }) });
const publicRead = { Sid: 'public-read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-docs/*' };

describe('yandex-storage-policy-public', () => {
  it.each([
    { name: 'public read', record: policy(publicRead), severity: 'high', summary: 'acme-docs: Allow * s3:GetObject' },
    { name: 'everything to everyone', record: policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: ['arn:aws:s3:::acme-docs', 'arn:aws:s3:::acme-docs/*'] }), severity: 'critical', summary: 'acme-docs: Allow * *' },
    {
      name: 'a public statement after a private one',
      record: policy({ Sid: 'etl', Effect: 'Allow', Principal: { CanonicalUser: ['ajeetl00000000000001'] }, Action: 's3:*', Resource: '*' }, { Sid: 'list', Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-docs' }),
      severity: 'high',
      summary: 'acme-docs: Allow * s3:ListBucket',
    },
    { name: 'a Referer condition (any client can send it)', record: policy({ ...publicRead, Condition: { StringLike: { 'aws:Referer': 'https://acme.example/*' } } }), severity: 'high', summary: 'acme-docs: Allow * s3:GetObject' },
  ])('fires on $name', ({ record, severity, summary }) => {
    // Act
    const findings = rule.match(toYandexEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-bucket', severity, evidence: { summary }, remediation: { action: 'yandex-storage-remove-public-policy', target: { bucket: 'acme-docs' } } });
    expect(findings[0]?.remediation?.target.statements).toHaveLength(1);
  });

  it.each([
    { name: 'a specific canonical user', record: policy({ ...publicRead, Principal: { CanonicalUser: ['ajeetl00000000000001'] } }) },
    { name: 'Deny * over plain HTTP', record: policy({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
    { name: 'public read limited to an office range', record: policy({ ...publicRead, Condition: { IpAddress: { 'aws:sourceip': ['10.0.0.0/8'] } } }) },
    { name: 'unparseable policy text', record: yandexEvent('storage', 'BucketPolicyUpdate', { bucket_id: 'acme-docs', policy_text: '{"Statement":' }) },
    { name: 'a denied change', record: failedYandex(policy(publicRead)) },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toYandexEvent(record), ownContext)).toEqual([]);
  });
});
