/**
 * CloudTrail `PutEventSelectors` (basic or advanced selectors) that drops
 * management events, one of their read/write types, or some of their
 * sources. The trail keeps "logging" while blind to control-plane changes.
 * Selectors that keep every management event (e.g. add data events) are quiet.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { CLOUDTRAIL_SOURCE, requestedTrail, trailResource } from './lib/aws-cloudtrail.js';
import { managementGaps, withManagementEvents } from './lib/aws-event-selectors.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['PutEventSelectors'] as const;

export const rule: Rule = {
  id: 'aws-cloudtrail-selectors-narrowed',
  cloud: 'aws',
  category: 'audit-tampering',
  severity: 'high',
  title: 'CloudTrail event selectors exclude management events',
  runbook:
    'Put the trail\'s selectors back to all management events (read and write) and review the actions of the excluded kind since the change, in CloudTrail event history.',
  actions: ACTIONS,
  remediations: ['aws-cloudtrail-restore-management-events'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== CLOUDTRAIL_SOURCE) return [];
    const trail = requestedTrail(event);
    const gaps = managementGaps(event.request);
    if (!trail || gaps.length === 0) return [];
    const all = gaps.includes('management events excluded');
    return [
      makeFinding(this, event, {
        severity: all ? 'critical' : 'high',
        resource: trailResource(trail, event.region),
        evidence: { summary: `trail ${trail}: ${gaps.join('; ')}`, details: { trail, gaps } },
        remediation: {
          action: 'aws-cloudtrail-restore-management-events',
          target: { trail, ...(event.region ? { region: event.region } : {}), ...withManagementEvents(event.request) },
          summary: `re-add all management events (read and write) to the selectors of trail ${trail}, keeping its data-event selectors`,
        },
      }),
    ];
  },
};
