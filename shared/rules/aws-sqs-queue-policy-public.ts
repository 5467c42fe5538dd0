/**
 * SQS `SetQueueAttributes` / `CreateQueue` with a `Policy` attribute that allows a public principal without a restricting condition. A policy pinned by `aws:SourceArn` / `aws:SourceAccount` is quiet.
 */
import { asRecord } from '../lib/guards.js';
import type { AuditEvent, Finding, Rule } from '../types.js';
import { publicPolicyFindings } from './lib/aws-resource-policy.js';
import { succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = ['SetQueueAttributes', 'CreateQueue'] as const;

export const rule: Rule = {
  id: 'aws-sqs-queue-policy-public',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'SQS queue policy allows everyone',
  runbook: 'Remove the public statements from the queue policy, or pin them with aws:SourceArn / aws:SourceAccount (an SNS topic or S3 bucket of ours).',
  actions: ACTIONS,
  remediations: ['aws-sqs-remove-public-statements'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'sqs.amazonaws.com') return [];
    const id = scalarText(event.request.queueUrl) ?? scalarText(event.response.queueUrl) ?? scalarText(event.request.queueName);
    const policy = asRecord(event.request.attributes).Policy;
    if (policy === undefined) return [];
    return publicPolicyFindings(this, event, { type: 'sqs-queue', id, policy, action: 'aws-sqs-remove-public-statements', extra: id ? { queueUrl: id } : {} });
  },
};
