/**
 * What the CloudTrail trail actions share: the trail the plan names, the
 * CloudTrail SDK and client for the plan's region, and turning an SDK error
 * into an outcome (a missing trail is `already-fixed`).
 */
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { Finding, RemediationOutcome, RemediationPlan } from '../../types.js';
import { type ActionContext, outcome } from '../action.js';
import { fromError, regionOf, targetText } from './aws-common.js';
import { clientOf, planRegion } from './aws-optional-clients.js';

/** The AWS error names that mean the trail is gone. */
const GONE = ['TrailNotFoundException'];

/** One trail to act on, with what an action needs to call CloudTrail about it. */
export interface TrailCall {
  /** The trail name or ARN from the plan. */
  readonly trail: string;
  /** The CloudTrail SDK module (loaded on first use). */
  readonly sdk: typeof import('@aws-sdk/client-cloudtrail');
  /** The CloudTrail client for the plan's region. */
  readonly client: CloudTrailClient;
  /** The outcome of an SDK error while `doing` something (a gone trail is `already-fixed`). */
  readonly fail: (error: unknown, doing: string) => RemediationOutcome;
}

/** Runs `body` on the trail the plan names; `failed` when the plan names none. */
export async function withTrail(
  plan: RemediationPlan,
  finding: Finding,
  context: ActionContext,
  body: (call: TrailCall) => Promise<RemediationOutcome>,
): Promise<RemediationOutcome> {
  const trail = targetText(plan, 'trail');
  if (!trail) return outcome.failed('the plan names no trail');
  const sdk = await import('@aws-sdk/client-cloudtrail');
  const client = await clientOf(context, 'cloudtrail', planRegion(plan.target, regionOf(finding)));
  const gone = `trail ${trail} no longer exists`;
  return body({ trail, sdk, client, fail: (error, doing) => fromError(error, doing, GONE, gone) });
}
