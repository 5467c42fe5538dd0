/**
 * Contain an event-selector change that excluded management events: read
 * the trail's CURRENT selectors (`GetEventSelectors`) and, unless they
 * already record every management event (`already-fixed`), put them back
 * with management events re-added in full — read and write, no excluded
 * sources — keeping every data-event selector as it is (`PutEventSelectors`).
 *
 * This contains rather than restores: a `PutEventSelectors` record shows
 * the new selectors, not the ones they replaced, so the exact previous
 * state is not known. The change is the smallest one that records all
 * management events again.
 */
import { managementGaps, withManagementEvents } from '../rules/lib/aws-event-selectors.js';
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import * as t from './lib/targets.js';
import { guarded } from './lib/aws-common.js';
import { withTrail } from './lib/aws-cloudtrail-trail.js';
import { recase } from './lib/recase.js';

function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  return withTrail(plan, finding, context, async ({ trail, sdk, client, fail }) => {
    let current: Record<string, unknown>;
    try {
      const answer = await client.send(new sdk.GetEventSelectorsCommand({ TrailName: trail }));
      current = recase({ eventSelectors: answer.EventSelectors, advancedEventSelectors: answer.AdvancedEventSelectors }, 'lower') as Record<string, unknown>;
    } catch (error) {
      return fail(error, `reading the event selectors of trail ${trail}`);
    }
    if (!Array.isArray(current.advancedEventSelectors) || current.advancedEventSelectors.length === 0) delete current.advancedEventSelectors;
    if (managementGaps(current).length === 0 && (current.eventSelectors !== undefined || current.advancedEventSelectors !== undefined)) {
      return outcome.alreadyFixed(`trail ${trail} records every management event again`);
    }
    const next = recase(withManagementEvents(current), 'upper') as { EventSelectors?: never[]; AdvancedEventSelectors?: never[] };
    try {
      await client.send(new sdk.PutEventSelectorsCommand({ TrailName: trail, ...next }));
    } catch (error) {
      return fail(error, `writing the event selectors of trail ${trail}`);
    }
    return outcome.done(`re-added all management events to trail ${trail}, kept its data-event selectors`, [{ trail, selectors: JSON.parse(JSON.stringify(next)) }]);
  });
}

/** `aws-cloudtrail-restore-management-events`: contain a selector change that dropped management events. */
export const action: RemediationAction = {
  id: 'aws-cloudtrail-restore-management-events',
  cloud: 'aws',
  permissions: ['cloudtrail:GetEventSelectors', 'cloudtrail:PutEventSelectors'],
  resources: ['arn:{partition}:cloudtrail:*:{account}:trail/*'],
  target: t.target({ trail: t.cloudTrailName }),
  description: 'Puts back the trail\'s current event selectors with all management events (read and write) re-added; data-event selectors are kept.',
  apply: guarded('aws-cloudtrail-restore-management-events', apply),
};
