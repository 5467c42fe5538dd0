/**
 * `DisableKey` or `ScheduleKeyDeletion` on the KMS key a trail encrypts its
 * logs with (trail context): CloudTrail can no longer write, and with the key
 * deleted every delivered log becomes unreadable. Keys no trail uses are quiet.
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';
import { urlPart } from './lib/url-part.js';

const ACTIONS = ['DisableKey', 'ScheduleKeyDeletion'] as const;
const KMS_SOURCE = 'kms.amazonaws.com';

export const rule: Rule = {
  id: 'aws-kms-trail-key-disabled',
  cloud: 'aws',
  category: 'audit-tampering',
  severity: 'critical',
  title: 'KMS key of a CloudTrail trail disabled or scheduled for deletion',
  runbook:
    'Cancel the deletion (CancelKeyDeletion) and enable the key again (EnableKey); until then the trail cannot deliver logs.',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent, context?: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== KMS_SOURCE) return [];
    const key = scalarText(event.request.keyId) ?? scalarText(event.response.keyId);
    const trails = key ? (context?.trails?.byKmsKey(key) ?? []) : [];
    if (!key || trails.length === 0) return [];
    const days = scalarText(event.request.pendingWindowInDays);
    const what = event.action === 'DisableKey' ? 'disabled' : `scheduled for deletion${days ? ` in ${days} days` : ''}`;
    return [
      makeFinding(this, event, {
        resource: { type: 'kms-key', id: key, consoleUrl: `https://console.aws.amazon.com/kms/home?region=${urlPart(event.region ?? 'us-east-1')}#/kms/keys/${urlPart(key)}` },
        evidence: {
          summary: `KMS key ${key} ${what}; it encrypts trail ${trails.map((t) => t.name).join(', ')}`,
          details: { keyId: key, trails: trails.map((t) => t.name), eventName: event.action },
        },
      }),
    ];
  },
};
