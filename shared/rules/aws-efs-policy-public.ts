/**
 * EFS `PutFileSystemPolicy` whose policy allows a public principal without a restricting condition.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { publicPolicyFindings } from './lib/aws-resource-policy.js';
import { succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = ['PutFileSystemPolicy'] as const;

export const rule: Rule = {
  id: 'aws-efs-policy-public',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'EFS file-system policy allows everyone',
  runbook: 'Remove the public statements from the file-system policy; mount targets in reachable networks then serve the data to anyone.',
  actions: ACTIONS,
  remediations: ['aws-efs-remove-public-statements'],
  match(event: AuditEvent): Finding[] {
    // PutFileSystemPolicy is EFS's own action name; its source is elasticfilesystem.amazonaws.com.
    if (!succeeded(event, ACTIONS)) return [];
    const id = scalarText(event.request.fileSystemId);
    const policy = event.request.policy;
    if (policy === undefined) return [];
    return publicPolicyFindings(this, event, { type: 'efs-file-system', id, policy, action: 'aws-efs-remove-public-statements', extra: id ? { fileSystemId: id } : {} });
  },
};
