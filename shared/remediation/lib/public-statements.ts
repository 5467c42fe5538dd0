/**
 * The shared body of the "remove the public statements of a resource
 * policy" actions (KMS, SQS, SNS, Secrets Manager, ECR, EFS): read the
 * CURRENT policy, drop the statements that allow everyone with no
 * condition restricting the callers (the rules' predicate, from the one
 * policy module), write the rest back unchanged, or delete the policy when
 * nothing remains (where the service allows that; else `skipped`).
 * `already-fixed` when the resource or its public statements are gone.
 */
import { conditionRestrictsCallers, isAllow, isPublicPrincipal, parsePolicy } from '../../rules/lib/aws-policy.js';
import type { Finding, JsonValue, RemediationOutcome, RemediationPlan } from '../../types.js';
import { type ActionContext, type RemediationAction, outcome } from '../action.js';
import { fromError, guarded, regionOf, targetText } from './aws-common.js';
import { planRegion } from './aws-optional-clients.js';
import { target } from './targets.js';
import type { z } from 'zod';

/** True for a statement the rules call public. */
export function isPublicStatement(raw: unknown): boolean {
  const [s] = parsePolicy({ Statement: [raw] }) ?? [];
  return s !== undefined && isAllow(s) && isPublicPrincipal(s) && !conditionRestrictsCallers(s.Condition);
}

/** The document split into removed and kept statements, or `undefined` when the text is not a policy. */
export function splitPolicy(text: string): { doc: Record<string, JsonValue>; removed: JsonValue[]; kept: JsonValue[] } | undefined {
  try {
    const doc = JSON.parse(text) as unknown;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
    const record = doc as Record<string, JsonValue>;
    const st = record.Statement;
    const statements = Array.isArray(st) ? [...st] : st === undefined ? [] : [st];
    return { doc: record, removed: statements.filter(isPublicStatement), kept: statements.filter((s) => !isPublicStatement(s)) };
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
    const parsed = splitPolicy(text);
    if (!parsed) return outcome.failed(`the policy of ${id} is not a JSON policy document`);
    const { doc, removed, kept } = parsed;
    if (removed.length === 0) return outcome.alreadyFixed(`the policy of ${id} no longer has public statements`);
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
    target: target({ [calls.key]: calls.idSchema }),
    description: calls.description,
    apply: guarded(calls.id, apply),
  };
}
