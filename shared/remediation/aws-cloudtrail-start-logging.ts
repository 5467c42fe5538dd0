/**
 * Start logging again on the trail a `StopLogging` stopped: read the trail
 * status (`GetTrailStatus`); `already-fixed` when it is logging again or the
 * trail is gone, else `StartLogging` on exactly that trail.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import * as t from './lib/targets.js';
import { fromError, guarded, regionOf, targetText } from './lib/aws-common.js';
import { clientOf, planRegion } from './lib/aws-optional-clients.js';

const GONE = ['TrailNotFoundException'];

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const trail = targetText(plan, 'trail');
  if (!trail) return outcome.failed('the plan names no trail');
  const sdk = await import('@aws-sdk/client-cloudtrail');
  const client = await clientOf(context, 'cloudtrail', planRegion(plan.target, regionOf(finding)));
  const gone = `trail ${trail} no longer exists`;
  try {
    const status = await client.send(new sdk.GetTrailStatusCommand({ Name: trail }));
    if (status.IsLogging) return outcome.alreadyFixed(`trail ${trail} is logging again`);
  } catch (error) {
    return fromError(error, `reading the status of trail ${trail}`, GONE, gone);
  }
  try {
    await client.send(new sdk.StartLoggingCommand({ Name: trail }));
  } catch (error) {
    return fromError(error, `starting logging on trail ${trail}`, GONE, gone);
  }
  return outcome.done(`started logging again on trail ${trail}`, [{ trail, startedLogging: true }]);
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
