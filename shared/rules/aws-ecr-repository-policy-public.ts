/**
 * ECR `SetRepositoryPolicy` whose policy allows a public principal without a restricting condition: anyone can pull (or push) images.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { publicPolicyFindings } from './lib/aws-resource-policy.js';
import { succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = ['SetRepositoryPolicy'] as const;

export const rule: Rule = {
  id: 'aws-ecr-repository-policy-public',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'ECR repository policy allows everyone',
  runbook: 'Remove the public statements from the repository policy unless the images are meant to be public (use ECR Public for that).',
  actions: ACTIONS,
  remediations: ['aws-ecr-remove-public-statements'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'ecr.amazonaws.com') return [];
    const id = scalarText(event.request.repositoryName);
    const policy = event.request.policyText;
    if (policy === undefined) return [];
    return publicPolicyFindings(this, event, { type: 'ecr-repository', id, policy, action: 'aws-ecr-remove-public-statements', extra: id ? { repositoryName: id } : {} });
  },
};
