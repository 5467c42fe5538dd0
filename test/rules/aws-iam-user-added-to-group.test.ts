import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-iam-user-added-to-group.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const add = (groupName: string, userName = 'mallory') =>
  cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'AddUserToGroup', requestParameters: { groupName, userName } });

describe('aws-iam-user-added-to-group', () => {
  it.each([
    { name: 'an admin group', record: add('Admins'), severity: 'high', title: 'User added to an admin group' },
    { name: 'an ordinary group', record: add('developers'), severity: 'medium', title: 'User added to a group' },
  ])('fires on $name', ({ record, severity, title }) => {
    const findings = rule.match(toEvent(record), ownContext);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'role-grant', severity, title, remediation: { action: 'aws-iam-remove-user-from-group', target: { userName: 'mallory' } } });
  });

  it.each([
    { name: 'a removal', record: { ...add('Admins'), eventName: 'RemoveUserFromGroup' } },
    { name: 'a failed add', record: failed(add('Admins'), 'NoSuchEntity') },
    { name: 'a request without a user', record: cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'AddUserToGroup', requestParameters: { groupName: 'Admins' } }) },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toEvent(record), ownContext)).toEqual([]);
  });
});
