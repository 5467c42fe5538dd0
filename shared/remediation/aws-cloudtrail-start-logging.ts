/**
 * Start logging again on the trail a `StopLogging` stopped: read the trail
 * status (`GetTrailStatus`); `already-fixed` when it is logging again or the
 * trail is gone, else `StartLogging` on exactly that trail.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import * as t from './lib/targets.js';
import { guarded } from './lib/aws-common.js';
import { withTrail } from './lib/aws-cloudtrail-trail.js';

function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  return withTrail(plan, finding, context, async ({ trail, sdk, client, fail }) => {
    try {
      const status = await client.send(new sdk.GetTrailStatusCommand({ Name: trail }));
      if (status.IsLogging) return outcome.alreadyFixed(`trail ${trail} is logging again`);
    } catch (error) {
      return fail(error, `reading the status of trail ${trail}`);
    }
    try {
      await client.send(new sdk.StartLoggingCommand({ Name: trail }));
    } catch (error) {
      return fail(error, `starting logging on trail ${trail}`);
    }
    return outcome.done(`started logging again on trail ${trail}`, [{ trail, startedLogging: true }]);
  });
}

/** `aws-cloudtrail-start-logging`: undo a StopLogging. */
export const action: RemediationAction = {
  id: 'aws-cloudtrail-start-logging',
  cloud: 'aws',
  permissions: ['cloudtrail:GetTrailStatus', 'cloudtrail:StartLogging'],
  resources: ['arn:{partition}:cloudtrail:*:{account}:trail/*'],
  target: t.target({ trail: t.cloudTrailName }),
  description: 'Starts logging again on the trail that was stopped (nothing else about the trail changes).',
  apply: guarded('aws-cloudtrail-start-logging', apply),
};
