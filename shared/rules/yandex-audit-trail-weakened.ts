/**
 * Yandex Audit Trails `UpdateTrail` (DONE) that stops or blinds the trail:
 * a status other than `ACTIVE`, a management-events filter that covers none
 * or fewer of the resources it covered (trail context), or a destination
 * that differs from the known one — or, with no context, an update mask that
 * names the destination. Widening the filter is quiet. `CreateTrail` is
 * listed only so the engine learns the trail.
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { asRecord } from '../lib/guards.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';
import { yandexScopes } from './lib/trail-context.js';
import { destinationOf, trailEvent, updateMask, yandexTrailResource } from './lib/yandex-trail.js';

const ACTIONS = [trailEvent('UpdateTrail'), trailEvent('CreateTrail')] as const;

function knownDestination(context: RuleContext | undefined, id: string): string | undefined {
  const t = context?.trails?.trail(id);
  if (t?.bucket) return `bucket:${t.bucket}/${t.prefix ?? ''}`;
  return t?.logGroup ? `log-group:${t.logGroup}` : undefined;
}

function weakenings(event: AuditEvent, context: RuleContext | undefined, id: string): string[] {
  const d = event.request;
  const out: string[] = [];
  const status = scalarText(d.status);
  if (status && status.toUpperCase() !== 'ACTIVE' && status.toUpperCase() !== 'STATUS_UNSPECIFIED') out.push(`status set to ${status}`);
  const scopes = yandexScopes(d);
  const before = context?.trails?.trail(id)?.scopes;
  const policy = asRecord(d.filtering_policy);
  if (scopes !== undefined && scopes.length === 0) out.push('management events no longer collected');
  else if (scopes === undefined && d.filtering_policy !== undefined && policy.management_events_filter === undefined) out.push('management events no longer collected');
  else if (scopes && before) {
    const lost = before.filter((s) => !scopes.includes(s));
    if (lost.length > 0) out.push(`filter no longer covers ${lost.join(', ')}`);
  }
  const dest = destinationOf(d);
  const was = knownDestination(context, id);
  if (dest && was && dest !== was) out.push(`destination changed from ${was} to ${dest}`);
  else if (dest && !was && updateMask(event).some((m) => m.startsWith('destination'))) out.push(`destination changed to ${dest}`);
  return out;
}

export const rule: Rule = {
  id: 'yandex-audit-trail-weakened',
  cloud: 'yandex',
  category: 'audit-tampering',
  severity: 'high',
  title: 'Audit trail stopped, narrowed or redirected',
  runbook: 'Compare the trail with your infrastructure code and restore its filter and destination; check who owns a new destination.',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent, context?: RuleContext): Finding[] {
    if (!succeeded(event, [trailEvent('UpdateTrail')])) return [];
    const resource = yandexTrailResource(event);
    if (!resource) return [];
    const found = weakenings(event, context, resource.id);
    if (found.length === 0) return [];
    return [
      makeFinding(this, event, {
        severity: found.some((f) => f.startsWith('status') || f.startsWith('management') || f.startsWith('destination')) ? 'critical' : 'high',
        resource,
        evidence: { summary: `trail ${resource.name ?? resource.id}: ${found.join('; ')}`, details: { trailId: resource.id, changes: found } },
      }),
    ];
  },
};
