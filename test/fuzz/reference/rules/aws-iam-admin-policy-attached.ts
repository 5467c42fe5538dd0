// The rule as it was before the fast paths (verbatim but for import paths): the reference of test/fuzz/rules-fast-path.fuzz.test.ts.
/**
 * An AWS-managed admin or broad policy attached to a user, role or group:
 * AdministratorAccess (critical), IAM/Organizations full access and
 * PowerUserAccess (high), any other `…FullAccess` (medium). Read-only,
 * quarantine and customer policies are not judged by name.
 */
import type { AuditEvent, Finding, Rule, Severity } from '../../../../shared/types.js';
import { IAM_SOURCE, principalOf, principalResource } from '../../../../shared/rules/lib/aws-iam.js';
import { makeFinding, succeeded } from '../../../../shared/rules/lib/finding.js';

const ACTIONS = ['AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy'] as const;

const NAMED: Readonly<Record<string, Severity>> = {
  AdministratorAccess: 'critical',
  IAMFullAccess: 'high',
  PowerUserAccess: 'high',
  AWSOrganizationsFullAccess: 'high',
  'job-function/SystemAdministrator': 'high',
  'AdministratorAccess-Amplify': 'high',
  'AdministratorAccess-AWSElasticBeanstalk': 'high',
  AWSSSOMasterAccountAdministrator: 'high',
  AWSSSODirectoryAdministrator: 'high',
  AWSCloudFormationFullAccess: 'high',
  AWSLambda_FullAccess: 'high',
  SecretsManagerReadWrite: 'medium',
};

/** Severity of an AWS-managed policy ARN, or `undefined` when it is not broad. */
export function managedPolicySeverity(arn: string): Severity | undefined {
  const match = /^arn:aws[\w-]*:iam::aws:policy\/(.+)$/.exec(arn);
  if (!match?.[1]) return undefined;
  const name = match[1].replace(/^service-role\//, '');
  // With the later fix: own keys only (a policy named `toString` is not a known one).
  return (Object.hasOwn(NAMED, name) ? NAMED[name] : undefined) ?? (/FullAccess/i.test(name) ? 'medium' : undefined);
}

export const rule: Rule = {
  id: 'aws-iam-admin-policy-attached',
  cloud: 'aws',
  category: 'role-grant',
  severity: 'high',
  title: 'Admin or broad policy attached',
  runbook:
    'Confirm the grant with its author; if it was not planned, detach the policy and review the principal\'s activity and credentials since.',
  actions: ACTIONS,
  remediations: ['aws-iam-detach-policy'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== IAM_SOURCE) return [];
    const arn = event.request.policyArn;
    const principal = principalOf(event.request);
    const severity = typeof arn === 'string' ? managedPolicySeverity(arn) : undefined;
    if (!severity || !principal || typeof arn !== 'string') return [];
    const policy = arn.split('/').pop() ?? arn;
    return [
      makeFinding(this, event, {
        severity,
        resource: principalResource(principal, event.scope.account),
        evidence: { summary: `${policy} attached to ${principal.kind} ${principal.name}`, details: { policyArn: arn, [`${principal.kind}Name`]: principal.name } },
        remediation: {
          action: 'aws-iam-detach-policy',
          target: { principalType: principal.kind, principalName: principal.name, policyArn: arn },
          summary: `detach ${policy} from ${principal.kind} ${principal.name}`,
        },
      }),
    ];
  },
};
