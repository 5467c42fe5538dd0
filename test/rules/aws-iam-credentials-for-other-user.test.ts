import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-iam-credentials-for-other-user.js';
import { assumedRole, cloudTrailRecord, failed, iamUserIdentity, rootIdentity, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

/** CreateAccessKey as IAM logs it; the default caller is the IAM user `dev-alice`. */
const accessKey = (userName: string | undefined, identity?: Record<string, unknown>) =>
  cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    ...(identity ? { userIdentity: identity } : {}),
    requestParameters: userName ? { userName } : null,
    responseElements: {
      accessKey: { accessKeyId: 'AKIAEXAMPLENEWKEY001', status: 'Active', ...(userName ? { userName } : {}), createDate: 'Oct 1, 2026 12:00:00 PM' },
    },
  });

/** CreateLoginProfile / UpdateLoginProfile as IAM logs them (the password itself is never logged). */
const password = (eventName: string, userName: string, reset?: boolean | string, identity?: Record<string, unknown>) =>
  cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName,
    ...(identity ? { userIdentity: identity } : {}),
    requestParameters: { userName, ...(reset === undefined ? {} : { passwordResetRequired: reset }) },
    responseElements:
      eventName === 'CreateLoginProfile'
        ? { loginProfile: { userName, createDate: 'Oct 1, 2026 12:00:00 PM', passwordResetRequired: reset === true || reset === 'true' } }
        : null,
  });

describe('aws-iam-credentials-for-other-user', () => {
  it.each([
    {
      name: 'a key for another user',
      record: accessKey('svc-report'),
      severity: 'high',
      resource: { type: 'iam-user', id: 'arn:aws:iam::111122223333:user/svc-report', name: 'svc-report' },
      summary: 'access key AKIAEXAMPLENEWKEY001 created for svc-report by dev-alice',
      target: { userName: 'svc-report', accessKeyId: 'AKIAEXAMPLENEWKEY001' },
    },
    {
      name: 'a key for a user whose name is a prefix of the caller ARN name',
      record: accessKey('jack', iamUserIdentity('user1', 'jackson')),
      severity: 'high',
      resource: { type: 'iam-user', name: 'jack' },
      summary: 'access key AKIAEXAMPLENEWKEY001 created for jack by user1',
      target: { userName: 'jack', accessKeyId: 'AKIAEXAMPLENEWKEY001' },
    },
    {
      name: 'a key for a user whose name extends the caller ARN name',
      record: accessKey('jackson', iamUserIdentity('user1', 'jack')),
      severity: 'high',
      resource: { type: 'iam-user', name: 'jackson' },
      summary: 'access key AKIAEXAMPLENEWKEY001 created for jackson by user1',
      target: { userName: 'jackson', accessKeyId: 'AKIAEXAMPLENEWKEY001' },
    },
    {
      name: 'a key made by an assumed-role session for a user',
      record: accessKey('svc-report', assumedRole('OpsAdmin', 'bob@example.com')),
      severity: 'high',
      resource: { type: 'iam-user', name: 'svc-report' },
      summary: 'access key AKIAEXAMPLENEWKEY001 created for svc-report by OpsAdmin/bob@example.com',
      target: { userName: 'svc-report', accessKeyId: 'AKIAEXAMPLENEWKEY001' },
    },
    {
      name: 'root creating its own key',
      record: accessKey(undefined, rootIdentity()),
      severity: 'critical',
      resource: { type: 'aws-account-root', id: '111122223333', name: 'root' },
      summary: 'access key AKIAEXAMPLENEWKEY001 created for root by root',
      target: { userName: null, accessKeyId: 'AKIAEXAMPLENEWKEY001' },
    },
    {
      name: 'root creating a key for a user',
      record: accessKey('tracy', rootIdentity()),
      severity: 'critical',
      resource: { type: 'iam-user', name: 'tracy' },
      summary: 'access key AKIAEXAMPLENEWKEY001 created for tracy by root',
      target: { userName: 'tracy', accessKeyId: 'AKIAEXAMPLENEWKEY001' },
    },
  ])('fires on $name', ({ record, severity, resource, summary, target }) => {
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
      evidence: { summary, details: { accessKeyId: 'AKIAEXAMPLENEWKEY001' } },
      remediation: { action: 'aws-iam-deactivate-access-key', target },
    });
  });

  it.each([
    { name: 'a console password created for another user', record: password('CreateLoginProfile', 'svc-report', false), user: 'svc-report', verb: 'created' },
    { name: 'a console password created without the reset flag', record: password('CreateLoginProfile', 'svc-report'), user: 'svc-report', verb: 'created' },
    { name: 'a password reset without the flag', record: password('UpdateLoginProfile', 'bob'), user: 'bob', verb: 'reset' },
    { name: 'a password reset with the flag "false"', record: password('UpdateLoginProfile', 'bob', 'false'), user: 'bob', verb: 'reset' },
    { name: 'a password reset by an assumed-role session for another user', record: password('UpdateLoginProfile', 'bob', false, assumedRole('IAM', 'alice')), user: 'bob', verb: 'reset' },
  ])('fires on $name', ({ record, user, verb }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'role-grant',
      severity: 'high',
      title: 'Console password set for another user',
      resource: { type: 'iam-user', id: `arn:aws:iam::111122223333:user/${user}`, name: user },
      evidence: { summary: `console password ${verb} for ${user} without a forced change`, details: { userName: user } },
      remediation: { action: 'aws-iam-delete-login-profile', target: { userName: user }, summary: `delete the console password of ${user}` },
    });
  });

  it.each([
    { name: 'a key for oneself (no userName)', record: accessKey(undefined) },
    { name: 'a key for oneself (own userName)', record: accessKey('dev-alice') },
    { name: 'a key for oneself named by the ARN', record: accessKey('jackson', iamUserIdentity('user1', 'jackson')) },
    { name: 'an assumed-role session changing its own-named user password', record: password('UpdateLoginProfile', 'alice', false, assumedRole('IAM', 'alice')) },
    { name: 'a password set for oneself', record: password('CreateLoginProfile', 'dev-alice', false) },
    { name: 'a reset that forces a change', record: password('UpdateLoginProfile', 'bob', true) },
    { name: 'a reset that forces a change (string)', record: password('CreateLoginProfile', 'bob', 'true') },
    { name: 'a key deleted for another user', record: { ...accessKey('svc-report'), eventName: 'DeleteAccessKey' } },
    { name: 'a failed key creation', record: failed(accessKey('svc-report'), 'LimitExceeded') },
    { name: 'a denied password reset', record: failed(password('UpdateLoginProfile', 'bob', false)) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
