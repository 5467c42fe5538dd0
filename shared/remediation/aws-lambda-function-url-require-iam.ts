/**
 * Switch a Lambda function URL whose auth type is `NONE` to `AWS_IAM`
 * (`GetFunctionUrlConfig` → `UpdateFunctionUrlConfig`), leaving its CORS and
 * invoke mode as they are. Opt-in twice: the rule's `remediate: true` AND
 * `remediation.allowBreakingChanges: true`, because every caller that does
 * not sign its requests (browsers, webhooks, partners) is refused from then
 * on: the gate skips this action, and the role gets none of its
 * permissions, unless both are set. `already-fixed` when the URL is gone or
 * already requires IAM.
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, regionOf, targetText } from './lib/aws-common.js';
import { clientOf, planRegion } from './lib/aws-optional-clients.js';
import * as t from './lib/targets.js';

const GONE = ['ResourceNotFoundException'];

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const fn = targetText(plan, 'functionName');
  if (!fn) return outcome.failed('the plan names no function');
  const qualifier = targetText(plan, 'qualifier');
  const which = { FunctionName: fn, ...(qualifier ? { Qualifier: qualifier } : {}) };
  const name = qualifier ? `${fn}:${qualifier}` : fn;
  const sdk = await import('@aws-sdk/client-lambda');
  const lambda = await clientOf(context, 'lambda', planRegion(plan.target, regionOf(finding)));
  const gone = `${name} has no function URL any more`;
  let auth: string | undefined;
  try {
    auth = (await lambda.send(new sdk.GetFunctionUrlConfigCommand(which))).AuthType;
  } catch (error) {
    return fromError(error, `reading the function URL of ${name}`, GONE, gone);
  }
  if (auth !== 'NONE') return outcome.alreadyFixed(`the function URL of ${name} already requires ${auth ?? 'authentication'}`);
  try {
    await lambda.send(new sdk.UpdateFunctionUrlConfigCommand({ ...which, AuthType: 'AWS_IAM' }));
  } catch (error) {
    return fromError(error, `switching the function URL of ${name} to AWS_IAM`, GONE, gone);
  }
  return outcome.done(`switched the function URL of ${name} from NONE to AWS_IAM (unsigned callers are refused from now on)`, [
    { functionName: fn, ...(qualifier ? { qualifier } : {}), authType: { from: 'NONE', to: 'AWS_IAM' } },
  ]);
}

/** `aws-lambda-function-url-require-iam`. */
export const action: RemediationAction = {
  id: 'aws-lambda-function-url-require-iam',
  cloud: 'aws',
  permissions: ['lambda:GetFunctionUrlConfig', 'lambda:UpdateFunctionUrlConfig'],
  resources: ['arn:{partition}:lambda:*:{account}:function:*'],
  target: t.target({ functionName: t.lambdaFunctionName, qualifier: t.lambdaQualifier.optional() }),
  breaking: 'switching a function URL to AWS_IAM refuses every caller that does not sign its requests',
  description: 'Switches a function URL with auth type NONE to AWS_IAM (opt-in: also needs remediation.allowBreakingChanges, since unsigned callers are refused afterwards).',
  apply: guarded('aws-lambda-function-url-require-iam', apply),
};
