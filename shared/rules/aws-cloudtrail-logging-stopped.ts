/**
 * CloudTrail `StopLogging`: the trail stops recording every API call. The
 * first move of an intruder who wants to act unseen. `StartLogging` is the
 * fix, never a finding.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { CLOUDTRAIL_SOURCE, requestedTrail, trailResource } from './lib/aws-cloudtrail.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['StopLogging'] as const;

export const rule: Rule = {
  id: 'aws-cloudtrail-logging-stopped',
  cloud: 'aws',
  category: 'audit-tampering',
  severity: 'critical',
  title: 'CloudTrail logging stopped',
  runbook:
    'Start logging again on the trail at once, then review what the actor did from the moment logging stopped (the trail records nothing in between; use CloudTrail event history).',
  actions: ACTIONS,
  remediations: ['aws-cloudtrail-start-logging'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== CLOUDTRAIL_SOURCE) return [];
    const trail = requestedTrail(event);
    if (!trail) return [];
    return [
      makeFinding(this, event, {
        resource: trailResource(trail, event.region),
        evidence: { summary: `logging stopped on trail ${trail}`, details: { trail, eventName: event.action } },
        remediation: {
          action: 'aws-cloudtrail-start-logging',
          target: { trail, ...(event.region ? { region: event.region } : {}) },
          summary: `start logging again on trail ${trail}`,
        },
      }),
    ];
  },
};
