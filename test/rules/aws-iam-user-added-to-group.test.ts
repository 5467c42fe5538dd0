import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-iam-user-added-to-group.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

/** AddUserToGroup as IAM logs it (no response body). */
const add = (groupName: string, userName = 'mallory') =>
  cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'AddUserToGroup', requestParameters: { groupName, userName } });

describe('aws-iam-user-added-to-group', () => {
  it.each([
    { name: 'an admin group', groupName: 'Admins', severity: 'high', title: 'User added to an admin group' },
    { name: 'a power-user group', groupName: 'PowerUsers', severity: 'high', title: 'User added to an admin group' },
    { name: 'a full-access group', groupName: 's3-FullAccess', severity: 'high', title: 'User added to an admin group' },
    { name: 'a superuser group', groupName: 'superusers', severity: 'high', title: 'User added to an admin group' },
    { name: 'an ordinary group', groupName: 'developers', severity: 'medium', title: 'User added to a group' },
  ])('fires on $name', ({ groupName, severity, title }) => {
    // Prepare
    const event = toEvent(add(groupName));

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'role-grant',
      severity,
      title,
      resource: {
        type: 'iam-group',
        id: `arn:aws:iam::111122223333:group/${groupName}`,
        name: groupName,
        consoleUrl: `https://console.aws.amazon.com/iam/home#/groups/details/${groupName}`,
      },
      evidence: { summary: `user mallory added to group ${groupName}`, details: { groupName, userName: 'mallory' } },
      remediation: {
        action: 'aws-iam-remove-user-from-group',
        target: { groupName, userName: 'mallory' },
        summary: `remove user mallory from group ${groupName}`,
      },
    });
  });

  it.each([
    { name: 'a removal from an admin group', record: { ...add('Admins'), eventName: 'RemoveUserFromGroup' } },
    { name: 'a failed add', record: failed(add('Admins'), 'NoSuchEntity') },
    { name: 'a denied add', record: failed(add('developers')) },
    { name: 'a request without a user', record: cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'AddUserToGroup', requestParameters: { groupName: 'Admins' } }) },
    { name: 'null request parameters', record: cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'AddUserToGroup', requestParameters: null }) },
    { name: 'the same event name from another service', record: { ...add('Admins'), eventSource: 'sso.amazonaws.com' } },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
