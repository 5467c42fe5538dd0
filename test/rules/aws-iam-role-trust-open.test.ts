import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-iam-role-trust-open.js';
import type { RuleContext } from '../../shared/types.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const trust = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const assume = (Principal: unknown, extra: object = {}) => ({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...extra });
const ec2 = assume({ Service: 'ec2.amazonaws.com' });

/** UpdateAssumeRolePolicy as IAM logs it (no response body). */
const update = (document: unknown, roleName: string | null = 'ops-admin') =>
  cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'UpdateAssumeRolePolicy',
    requestParameters: { ...(roleName ? { roleName } : {}), policyDocument: document },
  });

/** CreateRole as IAM logs it: the trust document in the request, the URL-encoded copy in the response. */
const create = (document?: string) =>
  cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateRole',
    requestParameters: { roleName: 'ops-admin', path: '/', ...(document ? { assumeRolePolicyDocument: document } : {}) },
    responseElements: {
      role: {
        path: '/',
        roleName: 'ops-admin',
        roleId: 'AROAEXAMPLEROLEID0002',
        arn: 'arn:aws:iam::111122223333:role/ops-admin',
        createDate: 'Oct 1, 2026 12:00:00 PM',
        ...(document ? { assumeRolePolicyDocument: encodeURIComponent(document) } : {}),
      },
    },
  });

describe('aws-iam-role-trust-open', () => {
  it.each([
    {
      name: 'Principal * with only an ExternalId condition',
      record: update(trust(assume('*', { Condition: { StringEquals: { 'sts:ExternalId': '12345' } } }))),
      severity: 'critical',
      trusted: ['* (anyone)'],
    },
    { name: 'Principal {"AWS":"*"} without a condition', record: update(trust(assume({ AWS: '*' }))), severity: 'critical', trusted: ['* (anyone)'] },
    { name: 'an outside account root next to a service', record: update(trust(ec2, assume({ AWS: 'arn:aws:iam::999988887777:root' }))), severity: 'high', trusted: ['999988887777'] },
    {
      name: 'an outside account with an ExternalId (still outside)',
      record: update(trust(assume({ AWS: 'arn:aws:iam::999988887777:role/vendor' }, { Condition: { StringEquals: { 'sts:ExternalId': 'acme-7' } } }))),
      severity: 'high',
      trusted: ['999988887777'],
    },
    { name: 'a new role trusting an outside account id', record: create(trust(assume({ AWS: ['999988887777'] }))), severity: 'high', trusted: ['999988887777'] },
    {
      name: 'a URL-encoded document trusting an outside user',
      record: update(encodeURIComponent(trust(assume({ AWS: 'arn:aws:iam::999988887777:user/eve' })))),
      severity: 'high',
      trusted: ['999988887777'],
    },
    {
      name: 'a document logged as an object with one statement',
      record: update({ Version: '2012-10-17', Statement: assume({ AWS: 'arn:aws:sts::999988887777:assumed-role/x/y' }) }),
      severity: 'high',
      trusted: ['999988887777'],
    },
  ])('fires on $name', ({ record, severity, trusted }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      category: 'role-grant',
      severity,
      resource: {
        type: 'iam-role',
        id: 'arn:aws:iam::111122223333:role/ops-admin',
        name: 'ops-admin',
        consoleUrl: 'https://console.aws.amazon.com/iam/home#/roles/details/ops-admin',
      },
      evidence: { summary: `role ops-admin trusts ${trusted.join(', ')}`, details: { roleName: 'ops-admin', trusted } },
      remediation: { action: 'aws-iam-deny-role-trust', target: { roleName: 'ops-admin', trusted } },
    });
    expect(finding?.evidence.details.statements).toHaveLength(1);
  });

  it('fires without a role name in the log, with no remediation to aim', () => {
    // Prepare
    const record = update(trust(assume('*')), null);

    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'critical',
      resource: { type: 'iam-role', id: '111122223333:unknown-role' },
      evidence: { summary: 'role (role name not logged) trusts * (anyone)', details: { roleName: null } },
      remediation: null,
    });
  });

  it.each<{ name: string; record: Record<string, unknown>; context?: RuleContext }>([
    { name: 'a service principal', record: update(trust(ec2)) },
    { name: 'the own account', record: update(trust(assume({ AWS: 'arn:aws:iam::111122223333:role/admin' }))) },
    { name: 'the event account when no accounts are configured', record: update(trust(assume({ AWS: '111122223333' }))), context: { ownAccounts: new Set() } },
    { name: 'a configured own account', record: create(trust(assume({ AWS: 'arn:aws:iam::444455556666:root' }))), context: { ownAccounts: new Set(['444455556666']) } },
    { name: 'Principal * limited to the organization', record: update(trust(assume('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3' } } }))) },
    { name: 'a web identity provider', record: create(trust({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' })) },
    { name: 'a SAML provider', record: create(trust({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/okta' }, Action: 'sts:AssumeRoleWithSAML' })) },
    { name: 'a Deny to everyone', record: update(trust(ec2, { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' })) },
    { name: 'a role created without a trust document in the log', record: create() },
    { name: 'an update without a document', record: cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'UpdateAssumeRolePolicy', requestParameters: {} }) },
    { name: 'an unparseable document', record: update('{"Statement":') },
    { name: 'a denied change', record: failed(update(trust(assume('*')))) },
  ])('does not fire on $name', ({ record, context }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, context ?? ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('aws-iam-role-trust-open: "anyone" as AWS defines it', () => {
  it.each([
    { name: 'a negated org condition', record: update(trust(assume('*', { Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3' } } }))) },
    { name: 'an IfExists principal-account condition', record: update(trust(assume('*', { Condition: { StringEqualsIfExists: { 'aws:PrincipalAccount': '111122223333' } } }))) },
    { name: 'the root of every account in aws:PrincipalArn', record: update(trust(assume({ AWS: '*' }, { Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } }))) },
    { name: 'the root of every account as principal', record: update(trust(assume({ AWS: 'arn:aws:iam::*:root' }))) },
    { name: 'a principal list holding *', record: create(trust(assume({ AWS: ['arn:aws:iam::111122223333:root', '*'] }))) },
    { name: 'NotPrincipal with Allow', record: update(trust({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' })) },
    { name: 'an MFA-only condition', record: update(trust(assume('*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }))) },
  ])('anyone can assume it: $name', ({ record }) => {
    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'critical', title: 'Role can be assumed by anyone' });
    expect(findings[0]?.evidence.details.trusted).toContain('* (anyone)');
  });

  it.each([
    { name: 'a fixed principal ARN', record: update(trust(assume('*', { Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci' } } }))) },
    { name: 'a fixed principal account', record: update(trust(assume({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }))) },
    { name: 'ForAnyValue on fixed org paths', record: update(trust(assume('*', { Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a1b2c3/r-ab12/' } } }))) },
  ])('does not fire on $name', ({ record }) => {
    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
