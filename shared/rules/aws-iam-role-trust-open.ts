/**
 * A role created with, or changed to, a trust policy that lets anyone
 * (`*` without a condition restricting callers; `sts:ExternalId` alone is
 * not a restriction) or an account that is not ours assume it. Service and
 * federated principals, and the event's own account, do not fire.
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { asRecord } from '../lib/guards.js';
import {
  type PolicyStatement,
  accountOfPrincipal,
  conditionRestrictsCallers,
  isAllow,
  isPublicPrincipal,
  parsePolicy,
  principalValues,
} from './lib/aws-policy.js';
import { IAM_SOURCE, principalResource } from './lib/aws-iam.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['CreateRole', 'UpdateAssumeRolePolicy'] as const;

/** The role name from the request, or from the `role` the response describes. */
function roleNameOf(event: AuditEvent): string | undefined {
  const role = asRecord(event.response.role);
  const arnName = typeof role.arn === 'string' ? role.arn.split('/').pop() : undefined;
  const name = [event.request.roleName, role.roleName, arnName].find((v) => typeof v === 'string' && v !== '');
  return typeof name === 'string' ? name : undefined;
}

/** AWS accounts outside `own` that a statement trusts. */
function foreignAccounts(statement: PolicyStatement, own: ReadonlySet<string>, account?: string): string[] {
  return principalValues(statement.Principal)
    .filter((p) => p.type === 'AWS')
    .map((p) => accountOfPrincipal(p.value))
    .filter((a): a is string => a !== undefined && a !== account && !own.has(a));
}

export const rule: Rule = {
  id: 'aws-iam-role-trust-open',
  cloud: 'aws',
  category: 'role-grant',
  severity: 'high',
  title: 'Role trusts an outside account',
  runbook:
    'Check who owns the trusted account and why; remove the statement from the trust policy if it was not planned, and review AssumeRole calls on this role.',
  actions: ACTIONS,
  remediations: ['aws-iam-deny-role-trust'],
  match(event: AuditEvent, context: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== IAM_SOURCE) return [];
    const r = event.request;
    const allows = (parsePolicy(r.assumeRolePolicyDocument ?? r.policyDocument) ?? []).filter(isAllow);
    const anyone = allows.filter((s) => isPublicPrincipal(s) && !conditionRestrictsCallers(s.Condition, true));
    const outside = new Set<string>();
    const outsideStatements = allows.filter((s) => {
      const foreign = foreignAccounts(s, context.ownAccounts, event.scope.account);
      for (const a of foreign) outside.add(a);
      return foreign.length > 0;
    });
    if (anyone.length === 0 && outside.size === 0) return [];
    const roleName = roleNameOf(event);
    const shownName = roleName ?? '(role name not logged)';
    const trusted = [...(anyone.length > 0 ? ['* (anyone)'] : []), ...outside];
    const statements = [...new Set([...anyone, ...outsideStatements])].map((s) => s.raw);
    return [
      makeFinding(this, event, {
        severity: anyone.length > 0 ? 'critical' : 'high',
        title: anyone.length > 0 ? 'Role can be assumed by anyone' : this.title,
        resource: roleName
          ? principalResource({ kind: 'role', name: roleName }, event.scope.account)
          : { type: 'iam-role', id: `${event.scope.account ?? 'unknown-account'}:unknown-role`, name: shownName },
        evidence: { summary: `role ${shownName} trusts ${trusted.join(', ')}`, details: { roleName: roleName ?? null, trusted, statements } },
        remediation: roleName
          ? {
              action: 'aws-iam-deny-role-trust',
              target: { roleName, trusted, statements },
              summary: `contain: deny sts:AssumeRole on ${roleName} to ${trusted.join(', ')} (the previous trust policy is not in the log)`,
            }
          : null,
      }),
    ];
  },
};
