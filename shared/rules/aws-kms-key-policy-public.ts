/**
 * KMS `PutKeyPolicy` / `CreateKey` whose key policy allows a public principal without a restricting condition (`kms:CallerAccount`-style pinning through `aws:PrincipalAccount`, an org id, a source account).
 */
import { asRecord } from '../lib/guards.js';
import type { AuditEvent, Finding, Rule } from '../types.js';
import { publicPolicyFindings } from './lib/aws-resource-policy.js';
import { succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = ['PutKeyPolicy', 'CreateKey'] as const;

export const rule: Rule = {
  id: 'aws-kms-key-policy-public',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'KMS key policy allows everyone',
  runbook: 'Remove the public statements from the key policy; anyone allowed kms:Decrypt can read what the key protects.',
  actions: ACTIONS,
  remediations: ['aws-kms-remove-public-statements'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'kms.amazonaws.com') return [];
    const id = scalarText(event.request.keyId) ?? scalarText(asRecord(event.response.keyMetadata).keyId);
    const policy = event.request.policy;
    if (policy === undefined) return [];
    return publicPolicyFindings(this, event, { type: 'kms-key', id, policy, action: 'aws-kms-remove-public-statements', extra: id ? { keyId: id } : {} });
  },
};
