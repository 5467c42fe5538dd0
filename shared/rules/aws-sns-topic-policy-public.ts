/**
 * SNS `SetTopicAttributes` (attribute `Policy`) / `CreateTopic` whose topic policy allows a public principal without a restricting condition.
 */
import { asRecord } from '../lib/guards.js';
import type { AuditEvent, Finding, Rule } from '../types.js';
import { publicPolicyFindings } from './lib/aws-resource-policy.js';
import { succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = ['SetTopicAttributes', 'CreateTopic'] as const;

export const rule: Rule = {
  id: 'aws-sns-topic-policy-public',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'SNS topic policy allows everyone',
  runbook: 'Remove the public statements from the topic policy; anyone allowed sns:Subscribe reads every message, sns:Publish injects messages.',
  actions: ACTIONS,
  remediations: ['aws-sns-remove-public-statements'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'sns.amazonaws.com') return [];
    const id = scalarText(event.request.topicArn) ?? scalarText(event.response.topicArn) ?? scalarText(event.request.name);
    const policy = event.action === 'SetTopicAttributes' ? (scalarText(event.request.attributeName) === 'Policy' ? event.request.attributeValue : undefined) : asRecord(event.request.attributes).Policy;
    if (policy === undefined) return [];
    return publicPolicyFindings(this, event, { type: 'sns-topic', id, policy, action: 'aws-sns-remove-public-statements', extra: id ? { topicArn: id } : {} });
  },
};
