/**
 * The shared body of the "remove the public statements of a resource
 * policy" actions (KMS, SQS, SNS, Secrets Manager, ECR, EFS): read the
 * CURRENT policy, drop the statements the finding names (by `Sid`, else by
 * canonical equality with the evidence, see `policy-evidence.ts`) while they
 * still allow everyone with no condition restricting the callers (the
 * rules' predicate, from the one policy module), write the rest back
 * unchanged, or delete the policy when nothing remains (where the service
 * allows that; else `skipped`). Other public statements are other findings'
 * evidence and stay. `already-fixed` when the resource is gone or none of
 * the named statements is left.
 */
import { z } from 'zod';
import type { Finding, JsonValue, RemediationOutcome, RemediationPlan } from '../../types.js';
import { type ActionContext, type RemediationAction, outcome } from '../action.js';
import { fromError, guarded, regionOf, targetList, targetText } from './aws-common.js';
import { planRegion } from './aws-optional-clients.js';
import { evidenceGoneReason, splitByEvidence } from './policy-evidence.js';
import { target } from './targets.js';

/** The document and its statements as a list, or `undefined` when the text is not a policy. */
export function policyStatements(text: string): { doc: Record<string, JsonValue>; statements: JsonValue[] } | undefined {
  try {
    const doc = JSON.parse(text) as unknown;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
    const record = doc as Record<string, JsonValue>;
    const st = record.Statement;
    return { doc: record, statements: Array.isArray(st) ? [...st] : st === undefined ? [] : [st] };
  } catch {
    return undefined;
  }
}

/** The service-specific calls of one policy action. */
export interface PolicyCalls {
  /** The action id (`aws-sqs-remove-public-statements`). */
  readonly id: string;
  readonly permissions: readonly string[];
  readonly description: string;
  /** The plan field naming the resource (`queueUrl`). */
  readonly key: string;
  /** The grammar of that field (see `targets.ts`). */
  readonly idSchema: z.ZodTypeAny;
  /** The resource ARN patterns of the permissions (see `RemediationAction.resources`). */
  readonly resources: readonly string[];
  /** AWS error names meaning the resource or its policy is gone. */
  readonly gone: readonly string[];
  /** The current policy text ('' or `undefined` when none). */
  read(context: ActionContext, region: string, id: string): Promise<string | undefined>;
  write(context: ActionContext, region: string, id: string, policy: string): Promise<void>;
  /** Delete the policy; absent when the service cannot go without one. */
  remove?(context: ActionContext, region: string, id: string): Promise<void>;
}

/** Build the action from its calls. */
export function policyAction(calls: PolicyCalls): RemediationAction {
  async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
    const id = targetText(plan, calls.key) ?? targetText(plan, 'id');
    if (!id) return outcome.failed(`the plan names no ${calls.key}`);
    const region = planRegion(plan.target, regionOf(finding));
    const gone = `${id} has no public policy any more`;
    let text: string | undefined;
    try {
      text = await calls.read(context, region, id);
    } catch (error) {
      return fromError(error, `reading the policy of ${id}`, calls.gone, gone);
    }
    if (!text) return outcome.alreadyFixed(`${id} has no policy any more`);
    const parsed = policyStatements(text);
    if (!parsed) return outcome.failed(`the policy of ${id} is not a JSON policy document`);
    const { doc } = parsed;
    const { removed, kept, otherPublic } = splitByEvidence(parsed.statements, targetList(plan, 'statements'));
    if (removed.length === 0) return outcome.alreadyFixed(evidenceGoneReason(id, otherPublic));
    if (kept.length === 0 && !calls.remove) return outcome.skipped(`every statement of the policy of ${id} is public and the policy cannot be deleted: replace it by hand`);
    try {
      if (kept.length === 0) await calls.remove?.(context, region, id);
      else await calls.write(context, region, id, JSON.stringify({ ...doc, Statement: kept }));
    } catch (error) {
      return fromError(error, `${kept.length === 0 ? 'deleting' : 'writing'} the policy of ${id}`, calls.gone, gone);
    }
    const reason = kept.length === 0
      ? `deleted the policy of ${id}: all ${removed.length} statement(s) were public`
      : `removed ${removed.length} public statement(s) from the policy of ${id}, kept ${kept.length}`;
    return outcome.done(reason, [{ resource: id, removedStatements: removed, keptStatements: kept, policyDeleted: kept.length === 0 }]);
  }
  return {
    id: calls.id,
    cloud: 'aws',
    permissions: calls.permissions,
    resources: calls.resources,
    target: target({ [calls.key]: calls.idSchema, statements: z.array(z.unknown()).min(1) }),
    description: calls.description,
    apply: guarded(calls.id, apply),
  };
}
