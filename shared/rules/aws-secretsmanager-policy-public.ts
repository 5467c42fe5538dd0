/**
 * Secrets Manager `PutResourcePolicy` whose policy allows a public principal without a restricting condition (an org id, a VPC, a source account).
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { publicPolicyFindings } from './lib/aws-resource-policy.js';
import { succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = ['PutResourcePolicy'] as const;

export const rule: Rule = {
  id: 'aws-secretsmanager-policy-public',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'Secrets Manager resource policy allows everyone',
  runbook: "Remove the public statements from the secret's resource policy and rotate the secret if it may have been read.",
  actions: ACTIONS,
  remediations: ['aws-secretsmanager-remove-public-statements'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'secretsmanager.amazonaws.com') return [];
    const id = scalarText(event.request.secretId);
    const policy = event.request.resourcePolicy;
    if (policy === undefined) return [];
    return publicPolicyFindings(this, event, { type: 'secretsmanager-secret', id, policy, action: 'aws-secretsmanager-remove-public-statements', extra: id ? { secretId: id } : {} });
  },
};
