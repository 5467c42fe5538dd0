/**
 * A role created with, or changed to, a trust policy that lets anyone
 * (`*` without a condition restricting callers; `sts:ExternalId` alone is
 * not a restriction) or an account that is not ours assume it.
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { asRecord } from '../formats/common.js';
import { accountOfPrincipal, conditionRestrictsCallers, isAllow, isPublicPrincipal, parsePolicy, principalValues } from './lib/aws-policy.js';
import { IAM_SOURCE, principalResource } from './lib/aws-iam.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['CreateRole', 'UpdateAssumeRolePolicy'] as const;

export const rule: Rule = {
  id: 'aws-iam-role-trust-open',
  cloud: 'aws',
  category: 'role-grant',
  severity: 'high',
  title: 'Role trusts an outside account',
  runbook:
    'Check who owns the trusted account and why; remove the statement from the trust policy if it was not planned, and review AssumeRole calls on this role.',
  actions: ACTIONS,
  match(event: AuditEvent, context: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== IAM_SOURCE) return [];
    const r = event.request;
    const logged = r.roleName ?? asRecord(event.response.role).roleName;
    const roleName = typeof logged === 'string' && logged !== '' ? logged : '(role name not logged)';
    const statements = parsePolicy(r.assumeRolePolicyDocument ?? r.policyDocument) ?? [];
    const anyone = statements.filter((s) => isAllow(s) && isPublicPrincipal(s) && !conditionRestrictsCallers(s.Condition, true));
    const outside = new Set<string>();
    const outsideStatements = statements.filter((s) => {
      if (!isAllow(s)) return false;
      const foreign = principalValues(s.Principal)
        .filter((p) => p.type === 'AWS')
        .map((p) => accountOfPrincipal(p.value))
        .filter((a): a is string => a !== undefined && !context.ownAccounts.has(a));
      for (const a of foreign) outside.add(a);
      return foreign.length > 0;
    });
    if (anyone.length === 0 && outside.size === 0) return [];
    const trusted = [...(anyone.length > 0 ? ['* (anyone)'] : []), ...outside];
    const statementsShown = [...new Set([...anyone, ...outsideStatements])].map((s) => s.raw);
    return [
      makeFinding(this, event, {
        severity: anyone.length > 0 ? 'critical' : 'high',
        title: anyone.length > 0 ? 'Role can be assumed by anyone' : this.title,
        resource: principalResource({ kind: 'role', name: roleName }, event.scope.account),
        evidence: { summary: `role ${roleName} trusts ${trusted.join(', ')}`, details: { roleName, trusted, statements: statementsShown } },
        remediation: {
          action: 'aws-iam-deny-role-trust',
          target: { roleName, trusted },
          summary: `contain: deny sts:AssumeRole on ${roleName} to ${trusted.join(', ')} (the previous trust policy is not in the log)`,
        },
      }),
    ];
  },
};
