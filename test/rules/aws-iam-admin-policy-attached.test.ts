import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-iam-admin-policy-attached.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const attach = (eventName: string, target: Record<string, string>, policy: string) =>
  cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName, requestParameters: { ...target, policyArn: policy } });
const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;

describe('aws-iam-admin-policy-attached', () => {
  it.each([
    { name: 'AdministratorAccess to a user', record: attach('AttachUserPolicy', { userName: 'svc-report' }, managed('AdministratorAccess')), severity: 'critical', type: 'iam-user', id: 'arn:aws:iam::111122223333:user/svc-report', target: { principalType: 'user', principalName: 'svc-report' } },
    { name: 'AdministratorAccess to a role', record: attach('AttachRolePolicy', { roleName: 'backdoor' }, managed('AdministratorAccess')), severity: 'critical', type: 'iam-role', id: 'arn:aws:iam::111122223333:role/backdoor', target: { principalType: 'role', principalName: 'backdoor' } },
    { name: 'IAMFullAccess to a group', record: attach('AttachGroupPolicy', { groupName: 'devs' }, managed('IAMFullAccess')), severity: 'high', type: 'iam-group', id: 'arn:aws:iam::111122223333:group/devs', target: { principalType: 'group', principalName: 'devs' } },
    { name: 'PowerUserAccess', record: attach('AttachUserPolicy', { userName: 'bob' }, managed('PowerUserAccess')), severity: 'high', type: 'iam-user', id: 'arn:aws:iam::111122223333:user/bob', target: { principalType: 'user' } },
    { name: 'a broad service FullAccess policy', record: attach('AttachUserPolicy', { userName: 'bob' }, managed('AmazonS3FullAccess')), severity: 'medium', type: 'iam-user', id: 'arn:aws:iam::111122223333:user/bob', target: { principalType: 'user' } },
  ])('fires on $name', ({ record, severity, type, id, target }) => {
    const findings = rule.match(toEvent(record), ownContext);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'role-grant', severity, resource: { type, id }, remediation: { action: 'aws-iam-detach-policy', target } });
  });

  it.each([
    { name: 'ReadOnlyAccess', record: attach('AttachRolePolicy', { roleName: 'auditors' }, managed('ReadOnlyAccess')) },
    { name: 'the AWS quarantine policy', record: attach('AttachUserPolicy', { userName: 'leaked' }, managed('AWSCompromisedKeyQuarantineV3')) },
    { name: 'a customer policy named like an admin one', record: attach('AttachUserPolicy', { userName: 'bob' }, 'arn:aws:iam::111122223333:policy/AdministratorAccess') },
    { name: 'a failed attach', record: failed(attach('AttachUserPolicy', { userName: 'bob' }, managed('AdministratorAccess')), 'NoSuchEntity') },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toEvent(record), ownContext)).toEqual([]);
  });
});
