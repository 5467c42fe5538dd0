import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-kms-key-policy-public.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const open = { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' };
const owner = { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: '*', Resource: '*' };
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const put = (policy: unknown) => cloudTrailRecord({ eventSource: 'kms.amazonaws.com', eventName: 'PutKeyPolicy', requestParameters: { keyId: '1f2e3d4c-0000-4000-8000-0000000000aa', policyName: 'default', policy: JSON.stringify(policy) } });

describe('aws-kms-key-policy-public', () => {
  it.each([
    { name: 'Principal * without a condition', record: put(doc(owner, open)) },
    { name: 'Principal {"AWS":"*"}', record: put(doc({ ...open, Principal: { AWS: '*' } })) },
    { name: 'CreateKey with a public policy and the id in the response', record: cloudTrailRecord({ eventSource: 'kms.amazonaws.com', eventName: 'CreateKey', requestParameters: { policy: JSON.stringify(doc(open)) }, responseElements: { keyMetadata: { keyId: '1f2e3d4c-0000-4000-8000-0000000000aa' } } }) },
  ])('fires on $name', ({ record, ...rest }) => {
    // Prepare
    const event = toEvent(record);
    const noId = 'noId' in rest;

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-resource', severity: 'high' });
    expect(findings[0]?.evidence.summary).toContain('Allow * kms:Decrypt');
    expect(findings[0]?.evidence.details.statements).toEqual([expect.objectContaining({ Sid: 'Open' })]);
    if (noId) expect(findings[0]?.remediation).toBeNull();
    else expect(findings[0]?.remediation).toMatchObject({ target: { id: '1f2e3d4c-0000-4000-8000-0000000000aa', keyId: '1f2e3d4c-0000-4000-8000-0000000000aa', statements: [expect.objectContaining({ Sid: 'Open' })] } });
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
