/**
 * The account left its AWS Organization (`LeaveOrganization`, or the
 * management account's `RemoveAccountFromOrganization`): the organization
 * trail, SCPs and delegated security tooling no longer cover it.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = ['LeaveOrganization', 'RemoveAccountFromOrganization'] as const;
const ORGANIZATIONS_SOURCE = 'organizations.amazonaws.com';

export const rule: Rule = {
  id: 'aws-organizations-account-left',
  cloud: 'aws',
  category: 'audit-tampering',
  severity: 'critical',
  title: 'Account left the AWS Organization',
  runbook:
    'Confirm with the organization owners; if unplanned, treat the account as compromised: the organization trail and SCPs no longer apply to it.',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== ORGANIZATIONS_SOURCE) return [];
    const account = scalarText(event.request.accountId) ?? event.scope.account ?? event.actor.accountId;
    if (!account) return [];
    const how = event.action === 'LeaveOrganization' ? 'left the organization' : 'removed from the organization';
    return [
      makeFinding(this, event, {
        severity: event.action === 'LeaveOrganization' ? 'critical' : 'high',
        resource: { type: 'aws-account', id: account },
        evidence: { summary: `account ${account} ${how}`, details: { account, eventName: event.action } },
      }),
    ];
  },
};
