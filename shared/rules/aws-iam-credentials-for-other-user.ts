/**
 * New long-lived credentials for someone else: an access key created for
 * another user or by the root user, or a console password created or reset
 * for another user without forcing a change at next sign-in.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { isTrueFlag } from '../formats/common.js';
import { asRecord } from '../lib/guards.js';
import { IAM_SOURCE, isCallerName, isRoot, principalResource } from './lib/aws-iam.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile'] as const;

export const rule: Rule = {
  id: 'aws-iam-credentials-for-other-user',
  cloud: 'aws',
  category: 'role-grant',
  severity: 'high',
  title: 'Credentials created for another user',
  runbook:
    'Ask the actor why they made credentials for this user; if unplanned, deactivate the key or delete the console password and review both users\' activity.',
  actions: ACTIONS,
  remediations: ['aws-iam-deactivate-access-key', 'aws-iam-delete-login-profile'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== IAM_SOURCE) return [];
    const target = typeof event.request.userName === 'string' ? event.request.userName : undefined;
    const root = isRoot(event);
    const other = target !== undefined && !isCallerName(event, target);
    const key = event.action === 'CreateAccessKey';
    if (key ? !(other || root) : !other || isTrueFlag(event.request.passwordResetRequired)) return [];
    const user = target ?? 'root';
    const resource = target
      ? principalResource({ kind: 'user', name: target }, event.scope.account)
      : { type: 'aws-account-root', id: event.scope.account ?? 'root', name: 'root' };
    if (key) {
      const accessKeyId = asRecord(event.response.accessKey).accessKeyId;
      const id = typeof accessKeyId === 'string' ? accessKeyId : null;
      return [
        makeFinding(this, event, {
          severity: root ? 'critical' : 'high',
          title: root && !target ? 'Root access key created' : this.title,
          resource,
          evidence: { summary: `access key ${id ?? '(id not logged)'} created for ${user} by ${event.actor.name ?? 'unknown'}`, details: { userName: user, accessKeyId: id } },
          remediation: {
            action: 'aws-iam-deactivate-access-key',
            target: { userName: target ?? null, accessKeyId: id },
            summary: `deactivate access key ${id ?? '?'} of ${user}`,
          },
        }),
      ];
    }
    const verb = event.action === 'CreateLoginProfile' ? 'created' : 'reset';
    return [
      makeFinding(this, event, {
        title: 'Console password set for another user',
        resource,
        evidence: { summary: `console password ${verb} for ${user} without a forced change`, details: { userName: user, passwordResetRequired: false } },
        remediation: {
          action: 'aws-iam-delete-login-profile',
          target: { userName: user },
          summary: `delete the console password of ${user}`,
        },
      }),
    ];
  },
};
