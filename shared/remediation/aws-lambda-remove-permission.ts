/**
 * Remove the one permission statement a finding names from a Lambda
 * function's resource policy (`RemovePermission` by statement id), after
 * checking with `GetPolicy` that the statement is still there and still
 * opens the function to the principal of the finding. Other statements stay.
 */
import { parseJsonText, principalValues } from '../rules/lib/aws-policy.js';
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import * as t from './lib/targets.js';
import { fromError, guarded, regionOf, targetText } from './lib/aws-common.js';
import { clientOf, planRegion } from './lib/aws-optional-clients.js';

const GONE = ['ResourceNotFoundException'];

/** The statement with `sid` in a policy text, or `undefined`. */
function statementOf(text: string | undefined, sid: string): Record<string, unknown> | undefined {
  const doc = text ? parseJsonText(text) : undefined;
  const list = doc && typeof doc === 'object' ? (doc as { Statement?: unknown }).Statement : undefined;
  return (Array.isArray(list) ? list : []).find((s): s is Record<string, unknown> => typeof s === 'object' && s !== null && (s as { Sid?: unknown }).Sid === sid);
}

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const fn = targetText(plan, 'functionName');
  const sid = targetText(plan, 'statementId');
  if (!fn || !sid) return outcome.failed('the plan names no function or statement id');
  const qualifier = targetText(plan, 'qualifier');
  const sdk = await import('@aws-sdk/client-lambda');
  const lambda = await clientOf(context, 'lambda', planRegion(plan.target, regionOf(finding)));
  const gone = `statement ${sid} of ${fn} no longer exists`;
  let statement: Record<string, unknown> | undefined;
  try {
    statement = statementOf((await lambda.send(new sdk.GetPolicyCommand({ FunctionName: fn, ...(qualifier ? { Qualifier: qualifier } : {}) }))).Policy, sid);
  } catch (error) {
    return fromError(error, `reading the policy of ${fn}`, GONE, gone);
  }
  if (!statement) return outcome.alreadyFixed(gone);
  const wanted = typeof finding.evidence.details.principal === 'string' ? finding.evidence.details.principal : undefined;
  const principals = principalValues(statement.Principal).map((p) => p.value);
  if (wanted && !principals.some((p) => p === wanted || p.includes(wanted.replace(/^arn:aws[\w-]*:iam::(\d{12}):root$/, '$1')))) {
    return outcome.skipped(`statement ${sid} of ${fn} now names ${principals.join(', ')}, not ${wanted}: left alone`);
  }
  try {
    await lambda.send(new sdk.RemovePermissionCommand({ FunctionName: fn, StatementId: sid, ...(qualifier ? { Qualifier: qualifier } : {}) }));
  } catch (error) {
    return fromError(error, `removing statement ${sid} from ${fn}`, GONE, gone);
  }
  return outcome.done(`removed permission statement ${sid} from ${fn}`, [{ functionName: fn, statementId: sid, removedStatement: JSON.parse(JSON.stringify(statement)) }]);
}

/** `aws-lambda-remove-permission`. */
export const action: RemediationAction = {
  id: 'aws-lambda-remove-permission',
  cloud: 'aws',
  permissions: ['lambda:GetPolicy', 'lambda:RemovePermission'],
  resources: ['arn:{partition}:lambda:*:{account}:function:*'],
  target: t.target({ functionName: t.lambdaFunctionName, statementId: t.lambdaStatementId, qualifier: t.lambdaQualifier.optional() }),
  description: 'Removes the one permission statement (by statement id) that opened the function to everyone or an outside account; other statements stay.',
  apply: guarded('aws-lambda-remove-permission', apply),
};
