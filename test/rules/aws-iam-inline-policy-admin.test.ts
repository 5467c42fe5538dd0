import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-iam-inline-policy-admin.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const put = (eventName: string, target: Record<string, string>, document: string) =>
  cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName, requestParameters: { ...target, policyName: 'inline-ops', policyDocument: document } });
const version = (document: string, setAsDefault: unknown) =>
  cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreatePolicyVersion',
    requestParameters: { policyArn: 'arn:aws:iam::111122223333:policy/app-deploy', policyDocument: document, setAsDefault },
    responseElements: { policyVersion: { versionId: 'v4', isDefaultVersion: true, createDate: 'Oct 1, 2026 12:00:00 PM' } },
  });

describe('aws-iam-inline-policy-admin', () => {
  it.each([
    { name: 'Allow * on * for a user', record: put('PutUserPolicy', { userName: 'bob' }, policy({ Effect: 'Allow', Action: '*', Resource: '*' })), severity: 'critical', action: 'aws-iam-delete-inline-policy', target: { principalType: 'user', principalName: 'bob', policyName: 'inline-ops' } },
    { name: 'iam:* on * for a role (URL-encoded)', record: put('PutRolePolicy', { roleName: 'ci' }, encodeURIComponent(policy({ Effect: 'Allow', Action: ['s3:GetObject', 'iam:*'], Resource: ['*'] }))), severity: 'high', action: 'aws-iam-delete-inline-policy', target: { principalType: 'role', principalName: 'ci' } },
    { name: 'iam:PassRole on * for a group', record: put('PutGroupPolicy', { groupName: 'devs' }, policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })), severity: 'high', action: 'aws-iam-delete-inline-policy', target: { principalType: 'group', principalName: 'devs' } },
    { name: 'Allow with NotAction', record: put('PutUserPolicy', { userName: 'bob' }, policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })), severity: 'critical', action: 'aws-iam-delete-inline-policy', target: { principalName: 'bob' } },
    { name: 'a new default policy version with *', record: version(policy({ Effect: 'Allow', Action: '*:*', Resource: '*' }), true), severity: 'critical', action: 'aws-iam-deny-policy-version', target: { policyArn: 'arn:aws:iam::111122223333:policy/app-deploy', versionId: 'v4' } },
  ])('fires on $name', ({ record, severity, action, target }) => {
    const findings = rule.match(toEvent(record), ownContext);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'role-grant', severity, remediation: { action, target } });
  });

  it.each([
    { name: 'a Deny * statement (quarantine)', record: put('PutUserPolicy', { userName: 'leaked' }, policy({ Effect: 'Deny', Action: ['*'], Resource: ['*'] })) },
    { name: 'admin actions on one resource', record: put('PutRolePolicy', { roleName: 'ci' }, policy({ Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:role/ci-*' })) },
    { name: 'read-only actions on *', record: put('PutUserPolicy', { userName: 'bob' }, policy({ Effect: 'Allow', Action: ['s3:GetObject', 'ec2:Describe*'], Resource: '*' })) },
    { name: 'a version not set as default', record: version(policy({ Effect: 'Allow', Action: '*', Resource: '*' }), 'false') },
    { name: 'null request parameters', record: cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'PutUserPolicy', requestParameters: null }) },
    { name: 'a denied call', record: failed(put('PutUserPolicy', { userName: 'bob' }, policy({ Effect: 'Allow', Action: '*', Resource: '*' }))) },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toEvent(record), ownContext)).toEqual([]);
  });
});
