/**
 * Yandex Audit Trails `DeleteTrail` (DONE): the trail stops writing audit
 * events anywhere. Alert only: the responder cannot recreate a trail
 * exactly (its filter and service account are not in the event).
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { trailEvent, yandexTrailResource } from './lib/yandex-trail.js';

const ACTIONS = [trailEvent('DeleteTrail')] as const;

export const rule: Rule = {
  id: 'yandex-audit-trail-deleted',
  cloud: 'yandex',
  category: 'audit-tampering',
  severity: 'critical',
  title: 'Audit trail deleted',
  runbook: 'Recreate the trail from your infrastructure code and review the actor\'s other actions (the trail no longer records them).',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent, context?: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS)) return [];
    const resource = yandexTrailResource(event);
    if (!resource) return [];
    const known = context?.trails?.trail(resource.id);
    const where = known?.bucket ? ` (wrote to bucket ${known.bucket})` : known?.logGroup ? ` (wrote to log group ${known.logGroup})` : '';
    return [
      makeFinding(this, event, {
        resource,
        evidence: { summary: `trail ${resource.name ?? resource.id} deleted${where}`, details: { trailId: resource.id } },
      }),
    ];
  },
};
