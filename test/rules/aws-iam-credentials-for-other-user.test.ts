import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-iam-credentials-for-other-user.js';
import { assumedRole, cloudTrailRecord, failed, rootIdentity, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const accessKey = (userName: string | undefined, identity?: Record<string, unknown>) =>
  cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    ...(identity ? { userIdentity: identity } : {}),
    requestParameters: userName ? { userName } : null,
    responseElements: { accessKey: { accessKeyId: 'AKIAEXAMPLENEWKEY001', status: 'Active', userName: userName ?? 'root', createDate: 'Oct 1, 2026 12:00:00 PM' } },
  });
const password = (eventName: string, userName: string, reset?: boolean | string, identity?: Record<string, unknown>) =>
  cloudTrailRecord({
    eventSource: 'iam.amazonaws.com',
    eventName,
    ...(identity ? { userIdentity: identity } : {}),
    requestParameters: { userName, ...(reset === undefined ? {} : { passwordResetRequired: reset }) },
  });

describe('aws-iam-credentials-for-other-user', () => {
  it.each([
    { name: 'a key for another user', record: accessKey('svc-report'), severity: 'high', action: 'aws-iam-deactivate-access-key', target: { userName: 'svc-report', accessKeyId: 'AKIAEXAMPLENEWKEY001' } },
    { name: 'a key for a user whose name starts like the caller', record: accessKey('dev-alice2'), severity: 'high', action: 'aws-iam-deactivate-access-key', target: { userName: 'dev-alice2' } },
    { name: 'root creating its own key', record: accessKey(undefined, rootIdentity()), severity: 'critical', action: 'aws-iam-deactivate-access-key', target: { userName: null } },
    { name: 'root creating a key for a user', record: accessKey('tracy', rootIdentity()), severity: 'critical', action: 'aws-iam-deactivate-access-key', target: { userName: 'tracy' } },
    { name: 'a console password for another user', record: password('CreateLoginProfile', 'svc-report', false), severity: 'high', action: 'aws-iam-delete-login-profile', target: { userName: 'svc-report' } },
    { name: 'a password reset without the flag', record: password('UpdateLoginProfile', 'bob'), severity: 'high', action: 'aws-iam-delete-login-profile', target: { userName: 'bob' } },
  ])('fires on $name', ({ record, severity, action, target }) => {
    const findings = rule.match(toEvent(record), ownContext);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'role-grant', severity, remediation: { action, target } });
  });

  it.each([
    { name: 'a key for oneself (no userName)', record: accessKey(undefined) },
    { name: 'a key for oneself (own userName)', record: accessKey('dev-alice') },
    { name: 'an assumed-role session changing its own-named user password', record: password('UpdateLoginProfile', 'bob@example.com', false, assumedRole('IAM', 'bob@example.com')) },
    { name: 'a reset that forces a change', record: password('UpdateLoginProfile', 'bob', true) },
    { name: 'a reset that forces a change (string)', record: password('CreateLoginProfile', 'bob', 'true') },
    { name: 'a failed key creation', record: failed(accessKey('svc-report'), 'LimitExceeded') },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toEvent(record), ownContext)).toEqual([]);
  });
});
