import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-iam-role-trust-open.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const trust = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const assume = (Principal: unknown, extra: object = {}) => ({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole', ...extra });
const update = (document: string) =>
  cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'UpdateAssumeRolePolicy', requestParameters: { roleName: 'ops-admin', policyDocument: document } });
const create = (document?: string) =>
  cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateRole',
    requestParameters: { roleName: 'ops-admin', ...(document ? { assumeRolePolicyDocument: document } : {}) },
  });

describe('aws-iam-role-trust-open', () => {
  it.each([
    { name: 'Principal * with only an ExternalId condition', record: update(trust(assume('*', { Condition: { StringEquals: { 'sts:ExternalId': '12345' } } }))), severity: 'critical', trusted: ['* (anyone)'] },
    { name: 'an outside account root', record: update(trust(assume({ Service: 'ec2.amazonaws.com' }), assume({ AWS: 'arn:aws:iam::999988887777:root' }))), severity: 'high', trusted: ['999988887777'] },
    { name: 'a new role trusting an outside account id', record: create(trust(assume({ AWS: ['999988887777'] }))), severity: 'high', trusted: ['999988887777'] },
  ])('fires on $name', ({ record, severity, trusted }) => {
    const findings = rule.match(toEvent(record), ownContext);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'role-grant', severity, resource: { type: 'iam-role', name: 'ops-admin' }, remediation: { action: 'aws-iam-deny-role-trust', target: { roleName: 'ops-admin', trusted } } });
  });

  it.each([
    { name: 'a service principal', record: update(trust(assume({ Service: 'ec2.amazonaws.com' }))) },
    { name: 'the own account', record: update(trust(assume({ AWS: 'arn:aws:iam::111122223333:role/admin' }))) },
    { name: 'a configured own account', record: create(trust(assume({ AWS: 'arn:aws:iam::444455556666:root' }))), context: { ownAccounts: new Set(['444455556666']) } },
    { name: 'Principal * limited to the organization', record: update(trust(assume('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3' } } }))) },
    { name: 'a web identity provider', record: create(trust({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' })) },
    { name: 'a role created without a trust document in the log', record: create() },
    { name: 'a denied change', record: failed(update(trust(assume('*')))) },
  ])('does not fire on $name', ({ record, context }) => {
    expect(rule.match(toEvent(record), context ?? ownContext)).toEqual([]);
  });
});
