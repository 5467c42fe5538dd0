/**
 * CloudTrail `DeleteTrail`: the trail and its configuration are gone; logs
 * already delivered stay in the bucket. Alert only: a deleted trail cannot
 * be restored exactly (its selectors, key and destinations are not in the
 * event), so the responder does not recreate it.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { CLOUDTRAIL_SOURCE, requestedTrail, trailResource } from './lib/aws-cloudtrail.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['DeleteTrail'] as const;

export const rule: Rule = {
  id: 'aws-cloudtrail-trail-deleted',
  cloud: 'aws',
  category: 'audit-tampering',
  severity: 'critical',
  title: 'CloudTrail trail deleted',
  runbook:
    'Recreate the trail from your infrastructure code (same bucket, key, selectors), then review what the actor did since the deletion with CloudTrail event history.',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent, context): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== CLOUDTRAIL_SOURCE) return [];
    const trail = requestedTrail(event);
    if (!trail) return [];
    const known = context?.trails?.trail(trail);
    const where = known?.bucket ? ` (delivered to s3://${known.bucket}/${known.prefix ?? ''})` : '';
    return [
      makeFinding(this, event, {
        resource: trailResource(trail, event.region),
        evidence: {
          summary: `trail ${trail} deleted${where}`,
          details: { trail, ...(known?.bucket ? { bucket: known.bucket } : {}) },
        },
        remediation: null,
      }),
    ];
  },
};
