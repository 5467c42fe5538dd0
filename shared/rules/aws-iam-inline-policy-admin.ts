/**
 * An inline policy, or a new default version of a managed policy, that
 * allows admin-class power: `*`, `*:*`, `iam:*` or privilege-escalation IAM
 * actions on every resource, or an Allow with `NotAction`. Deny statements
 * and scoped resources do not fire.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { isTrueFlag } from '../formats/common.js';
import { asRecord } from '../lib/guards.js';
import { adminActions, parsePolicy } from './lib/aws-policy.js';
import { IAM_SOURCE, principalOf, principalResource } from './lib/aws-iam.js';
import { awsConsole } from './lib/console-urls.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy', 'CreatePolicyVersion'] as const;

export const rule: Rule = {
  id: 'aws-iam-inline-policy-admin',
  cloud: 'aws',
  category: 'role-grant',
  severity: 'high',
  title: 'Policy grants admin-level permissions',
  runbook:
    'Read the statements; if the power was not planned, remove the inline policy (or restore the previous policy version) and review the principal\'s activity.',
  actions: ACTIONS,
  remediations: ['aws-iam-delete-inline-policy', 'aws-iam-deny-policy-version'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== IAM_SOURCE) return [];
    const r = event.request;
    const version = event.action === 'CreatePolicyVersion';
    if (version && !isTrueFlag(r.setAsDefault)) return [];
    const statements = parsePolicy(r.policyDocument) ?? [];
    const granting = statements.filter((s) => adminActions(s).length > 0);
    if (granting.length === 0) return [];
    const actions = [...new Set(granting.flatMap(adminActions))];
    const severity = actions.some((a) => a === '*' || a === '*:*' || a.startsWith('NotAction')) ? 'critical' : 'high';
    const details = { statements: granting.map((s) => s.raw), actions };
    if (version) {
      const arn = typeof r.policyArn === 'string' ? r.policyArn : undefined;
      if (!arn) return [];
      const versionId = asRecord(event.response.policyVersion).versionId;
      const name = arn.split('/').pop() ?? arn;
      return [
        makeFinding(this, event, {
          severity,
          resource: { type: 'iam-policy', id: arn, name, consoleUrl: awsConsole.iamPolicy(arn) },
          evidence: { summary: `new default version of ${name} allows ${actions.join(', ')} on *`, details: { policyArn: arn, versionId: typeof versionId === 'string' ? versionId : null, ...details } },
          remediation: {
            action: 'aws-iam-deny-policy-version',
            target: { policyArn: arn, versionId: typeof versionId === 'string' ? versionId : null },
            summary: `contain: restore the previous default version of ${name} (the new one's predecessor is not in the log)`,
          },
        }),
      ];
    }
    const principal = principalOf(r);
    const policyName = r.policyName;
    if (!principal || typeof policyName !== 'string') return [];
    return [
      makeFinding(this, event, {
        severity,
        resource: principalResource(principal, event.scope.account),
        evidence: { summary: `inline policy ${policyName} on ${principal.kind} ${principal.name} allows ${actions.join(', ')} on *`, details: { policyName, ...details } },
        remediation: {
          action: 'aws-iam-delete-inline-policy',
          target: { principalType: principal.kind, principalName: principal.name, policyName },
          summary: `delete inline policy ${policyName} from ${principal.kind} ${principal.name}`,
        },
      }),
    ];
  },
};
