/**
 * A user added to an IAM group: the user gains every permission of the
 * group. Higher when the group's name says admin, root, power user or full
 * access.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { IAM_SOURCE } from './lib/aws-iam.js';
import { awsConsole } from './lib/console-urls.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['AddUserToGroup'] as const;
const ADMIN_LIKE = /admin|root|poweruser|power-user|fullaccess|full-access|superuser|owner/i;

export const rule: Rule = {
  id: 'aws-iam-user-added-to-group',
  cloud: 'aws',
  category: 'role-grant',
  severity: 'medium',
  title: 'User added to a group',
  runbook:
    'Check the group\'s policies and that the membership was requested; remove the user from the group if not.',
  actions: ACTIONS,
  remediations: ['aws-iam-remove-user-from-group'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== IAM_SOURCE) return [];
    const { groupName, userName } = event.request;
    if (typeof groupName !== 'string' || typeof userName !== 'string') return [];
    const account = event.scope.account;
    return [
      makeFinding(this, event, {
        severity: ADMIN_LIKE.test(groupName) ? 'high' : 'medium',
        title: ADMIN_LIKE.test(groupName) ? 'User added to an admin group' : this.title,
        resource: {
          type: 'iam-group',
          id: account ? `arn:aws:iam::${account}:group/${groupName}` : groupName,
          name: groupName,
          consoleUrl: awsConsole.iamGroup(groupName),
        },
        evidence: { summary: `user ${userName} added to group ${groupName}`, details: { groupName, userName } },
        remediation: {
          action: 'aws-iam-remove-user-from-group',
          target: { groupName, userName },
          summary: `remove user ${userName} from group ${groupName}`,
        },
      }),
    ];
  },
};
