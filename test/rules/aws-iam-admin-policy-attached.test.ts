import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-iam-admin-policy-attached.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

/** AttachUserPolicy / AttachRolePolicy / AttachGroupPolicy as IAM logs them (no response body). */
const attach = (eventName: string, target: Record<string, string>, policyArn: string) =>
  cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName, requestParameters: { ...target, policyArn } });
const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;

describe('aws-iam-admin-policy-attached', () => {
  it.each([
    {
      name: 'AdministratorAccess to a user',
      record: attach('AttachUserPolicy', { userName: 'svc-report' }, managed('AdministratorAccess')),
      severity: 'critical',
      resource: { type: 'iam-user', id: 'arn:aws:iam::111122223333:user/svc-report', name: 'svc-report', consoleUrl: 'https://console.aws.amazon.com/iam/home#/users/details/svc-report' },
      summary: 'AdministratorAccess attached to user svc-report',
      target: { principalType: 'user', principalName: 'svc-report', policyArn: managed('AdministratorAccess') },
    },
    {
      name: 'AdministratorAccess to a role',
      record: attach('AttachRolePolicy', { roleName: 'backdoor' }, managed('AdministratorAccess')),
      severity: 'critical',
      resource: { type: 'iam-role', id: 'arn:aws:iam::111122223333:role/backdoor', name: 'backdoor' },
      summary: 'AdministratorAccess attached to role backdoor',
      target: { principalType: 'role', principalName: 'backdoor', policyArn: managed('AdministratorAccess') },
    },
    {
      name: 'IAMFullAccess to a group',
      record: attach('AttachGroupPolicy', { groupName: 'devs' }, managed('IAMFullAccess')),
      severity: 'high',
      resource: { type: 'iam-group', id: 'arn:aws:iam::111122223333:group/devs', name: 'devs' },
      summary: 'IAMFullAccess attached to group devs',
      target: { principalType: 'group', principalName: 'devs', policyArn: managed('IAMFullAccess') },
    },
    {
      name: 'PowerUserAccess',
      record: attach('AttachUserPolicy', { userName: 'bob' }, managed('PowerUserAccess')),
      severity: 'high',
      resource: { type: 'iam-user', name: 'bob' },
      summary: 'PowerUserAccess attached to user bob',
      target: { principalType: 'user', principalName: 'bob', policyArn: managed('PowerUserAccess') },
    },
    {
      name: 'AWSOrganizationsFullAccess',
      record: attach('AttachRolePolicy', { roleName: 'ops' }, managed('AWSOrganizationsFullAccess')),
      severity: 'high',
      resource: { type: 'iam-role', name: 'ops' },
      summary: 'AWSOrganizationsFullAccess attached to role ops',
      target: { principalType: 'role', principalName: 'ops', policyArn: managed('AWSOrganizationsFullAccess') },
    },
    {
      name: 'a job-function admin policy',
      record: attach('AttachUserPolicy', { userName: 'bob' }, managed('job-function/SystemAdministrator')),
      severity: 'high',
      resource: { type: 'iam-user', name: 'bob' },
      summary: 'SystemAdministrator attached to user bob',
      target: { policyArn: managed('job-function/SystemAdministrator') },
    },
    {
      name: 'a broad service FullAccess policy',
      record: attach('AttachUserPolicy', { userName: 'bob' }, managed('AmazonS3FullAccess')),
      severity: 'medium',
      resource: { type: 'iam-user', name: 'bob' },
      summary: 'AmazonS3FullAccess attached to user bob',
      target: { policyArn: managed('AmazonS3FullAccess') },
    },
    {
      name: 'a FullAccess policy with a suffix',
      record: attach('AttachRolePolicy', { roleName: 'etl' }, managed('AmazonDynamoDBFullAccesswithDataPipeline')),
      severity: 'medium',
      resource: { type: 'iam-role', name: 'etl' },
      summary: 'AmazonDynamoDBFullAccesswithDataPipeline attached to role etl',
      target: { policyArn: managed('AmazonDynamoDBFullAccesswithDataPipeline') },
    },
    {
      name: 'AdministratorAccess in the GovCloud partition',
      record: attach('AttachUserPolicy', { userName: 'bob' }, 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess'),
      severity: 'critical',
      resource: { type: 'iam-user', name: 'bob' },
      summary: 'AdministratorAccess attached to user bob',
      target: { policyArn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' },
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
      evidence: { summary, details: { policyArn: target.policyArn } },
      remediation: { action: 'aws-iam-detach-policy', target },
    });
    expect(findings[0]?.remediation?.summary).toMatch(/^detach \S+ from (user|role|group) \S+$/);
  });

  it.each([
    { name: 'ReadOnlyAccess', record: attach('AttachRolePolicy', { roleName: 'auditors' }, managed('ReadOnlyAccess')) },
    { name: 'a service read-only policy', record: attach('AttachUserPolicy', { userName: 'bob' }, managed('AmazonS3ReadOnlyAccess')) },
    { name: 'SecurityAudit', record: attach('AttachRolePolicy', { roleName: 'auditors' }, managed('SecurityAudit')) },
    { name: 'the AWS quarantine policy', record: attach('AttachUserPolicy', { userName: 'leaked' }, managed('AWSCompromisedKeyQuarantineV3')) },
    { name: 'the AWSDenyAll policy', record: attach('AttachUserPolicy', { userName: 'leaked' }, managed('AWSDenyAll')) },
    { name: 'an unknown AWS policy', record: attach('AttachRolePolicy', { roleName: 'lambda' }, managed('example-policy')) },
    { name: 'a policy named like an Object.prototype member', record: attach('AttachRolePolicy', { roleName: 'lambda' }, managed('toString')) },
    { name: 'a policy named constructor', record: attach('AttachRolePolicy', { roleName: 'lambda' }, managed('constructor')) },
    { name: 'a customer policy named like an admin one', record: attach('AttachUserPolicy', { userName: 'bob' }, 'arn:aws:iam::111122223333:policy/AdministratorAccess') },
    { name: 'a request without a principal', record: attach('AttachUserPolicy', {}, managed('AdministratorAccess')) },
    { name: 'null request parameters', record: cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'AttachUserPolicy', requestParameters: null }) },
    { name: 'a detach of AdministratorAccess', record: { ...attach('AttachUserPolicy', { userName: 'bob' }, managed('AdministratorAccess')), eventName: 'DetachUserPolicy' } },
    { name: 'a failed attach', record: failed(attach('AttachUserPolicy', { userName: 'bob' }, managed('AdministratorAccess')), 'NoSuchEntity') },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
