import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-iam-inline-policy-admin.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const POLICY_ARN = 'arn:aws:iam::111122223333:policy/app-deploy';
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*') => ({ Effect: 'Allow', Action, Resource });

/** PutUserPolicy / PutRolePolicy / PutGroupPolicy as IAM logs them: the document is a JSON string. */
const put = (eventName: string, target: Record<string, string>, document: unknown) =>
  cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName, requestParameters: { ...target, policyName: 'inline-ops', policyDocument: document } });

/** CreatePolicyVersion with the new version id in the response. */
const version = (document: string, setAsDefault: unknown) =>
  cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreatePolicyVersion',
    requestParameters: { policyArn: POLICY_ARN, policyDocument: document, ...(setAsDefault === undefined ? {} : { setAsDefault }) },
    responseElements: { policyVersion: { versionId: 'v4', isDefaultVersion: setAsDefault === true || setAsDefault === 'true', createDate: 'Oct 1, 2026 12:00:00 PM' } },
  });

describe('aws-iam-inline-policy-admin', () => {
  it.each([
    {
      name: 'Allow * on * for a user',
      record: put('PutUserPolicy', { userName: 'bob' }, policy(allow('*'))),
      severity: 'critical',
      summary: 'inline policy inline-ops on user bob allows * on *',
      resource: { type: 'iam-user', name: 'bob' },
      target: { principalType: 'user', principalName: 'bob', policyName: 'inline-ops' },
    },
    {
      name: 'iam:* on * for a role (URL-encoded document)',
      record: put('PutRolePolicy', { roleName: 'ci' }, encodeURIComponent(policy(allow(['s3:GetObject', 'iam:*'], ['*'])))),
      severity: 'high',
      summary: 'inline policy inline-ops on role ci allows iam:* on *',
      resource: { type: 'iam-role', name: 'ci' },
      target: { principalType: 'role', principalName: 'ci', policyName: 'inline-ops' },
    },
    {
      name: 'iam:PassRole alone on * for a group',
      record: put('PutGroupPolicy', { groupName: 'devs' }, policy(allow('iam:PassRole'))),
      severity: 'high',
      summary: 'inline policy inline-ops on group devs allows iam:PassRole on *',
      resource: { type: 'iam-group', name: 'devs' },
      target: { principalType: 'group', principalName: 'devs', policyName: 'inline-ops' },
    },
    {
      name: 'a wildcard covering policy attachment',
      record: put('PutUserPolicy', { userName: 'bob' }, policy(allow(['iam:Get*', 'iam:Attach*Policy']))),
      severity: 'high',
      summary: 'inline policy inline-ops on user bob allows iam:Attach*Policy on *',
      resource: { type: 'iam-user', name: 'bob' },
      target: { principalName: 'bob' },
    },
    {
      name: 'access-key creation on every user ARN',
      record: put('PutUserPolicy', { userName: 'bob' }, policy(allow('iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/*'))),
      severity: 'high',
      summary: 'inline policy inline-ops on user bob allows iam:CreateAccessKey on *',
      resource: { type: 'iam-user', name: 'bob' },
      target: { principalName: 'bob' },
    },
    {
      name: 'Allow with NotAction on *',
      record: put('PutUserPolicy', { userName: 'bob' }, policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })),
      severity: 'critical',
      summary: 'inline policy inline-ops on user bob allows NotAction:iam:* on *',
      resource: { type: 'iam-user', name: 'bob' },
      target: { principalName: 'bob' },
    },
    {
      name: 'a document logged as an object with one statement',
      record: put('PutRolePolicy', { roleName: 'ci' }, { Version: '2012-10-17', Statement: allow('*:*') }),
      severity: 'critical',
      summary: 'inline policy inline-ops on role ci allows *:* on *',
      resource: { type: 'iam-role', name: 'ci' },
      target: { principalName: 'ci' },
    },
  ])('fires on $name', ({ record, severity, summary, resource, target }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'role-grant',
      severity,
      resource,
      evidence: { summary, details: { policyName: 'inline-ops' } },
      remediation: { action: 'aws-iam-delete-inline-policy', target },
    });
    expect(findings[0]?.evidence.details.statements).toHaveLength(1);
  });

  it.each([
    { name: 'setAsDefault true', setAsDefault: true },
    { name: 'setAsDefault as the string "true"', setAsDefault: 'true' },
  ])('contains a new default policy version with admin power ($name)', ({ setAsDefault }) => {
    // Prepare
    const record = version(policy(allow('*:*')), setAsDefault);

    // Act
    const findings = rule.match(toEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'role-grant',
      severity: 'critical',
      resource: { type: 'iam-policy', id: POLICY_ARN, name: 'app-deploy', consoleUrl: `https://console.aws.amazon.com/iam/home#/policies/details/${encodeURIComponent(POLICY_ARN)}` },
      evidence: { summary: 'new default version of app-deploy allows *:* on *', details: { policyArn: POLICY_ARN, versionId: 'v4' } },
      remediation: { action: 'aws-iam-deny-policy-version', target: { policyArn: POLICY_ARN, versionId: 'v4' } },
    });
  });

  it.each([
    { name: 'a Deny * statement (quarantine)', record: put('PutUserPolicy', { userName: 'leaked' }, policy({ Effect: 'Deny', Action: ['*'], Resource: ['*'] })) },
    {
      name: 'a deny-list of escalation actions',
      record: put('PutUserPolicy', { userName: 'leaked' }, policy({ Effect: 'Deny', Action: ['iam:AttachUserPolicy', 'iam:CreateAccessKey', 'iam:PassRole'], Resource: '*' })),
    },
    { name: 'admin actions on named roles', record: put('PutRolePolicy', { roleName: 'ci' }, policy(allow('iam:*', 'arn:aws:iam::111122223333:role/ci-*'))) },
    { name: 'every action on one bucket', record: put('PutRolePolicy', { roleName: 'ci' }, policy(allow('*', ['arn:aws:s3:::acme-exports', 'arn:aws:s3:::acme-exports/*']))) },
    { name: 'NotAction on one bucket', record: put('PutRolePolicy', { roleName: 'ci' }, policy({ Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: 'arn:aws:s3:::acme-exports' })) },
    { name: 'read-only actions on *', record: put('PutUserPolicy', { userName: 'bob' }, policy(allow(['s3:GetObject', 'ec2:Describe*', 'iam:Get*', 'iam:List*']))) },
    { name: 'a broad non-IAM service on *', record: put('PutUserPolicy', { userName: 'bob' }, policy(allow('s3:*'))) },
    { name: 'an unparseable document', record: put('PutUserPolicy', { userName: 'bob' }, '{"Statement": [') },
    { name: 'a version not set as default', record: version(policy(allow('*')), 'false') },
    { name: 'a version without setAsDefault', record: version(policy(allow('*')), undefined) },
    { name: 'null request parameters', record: cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'PutUserPolicy', requestParameters: null }) },
    { name: 'a denied call', record: failed(put('PutUserPolicy', { userName: 'bob' }, policy(allow('*')))) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
