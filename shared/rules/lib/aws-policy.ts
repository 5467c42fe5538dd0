/**
 * IAM policy documents as they appear in audit records: an object, a JSON
 * string, or a URL-encoded JSON string; `Statement` one object or a list;
 * `Principal`, `Action` and `Resource` a string or a list. Used by AWS rules
 * and by Yandex bucket policies (same grammar).
 *
 * The one definition of "public" every resource-policy rule uses lives in
 * ./policy/ and is re-exported here:
 *
 * - {@link parsePolicy}`(value)` → statements, or `undefined` when not a policy;
 * - `publicStatements(statements, { profile })` → the public statements with
 *   their index, the principal that lets everyone in and why no condition
 *   pins it (`publicStatement` for one statement, `isPublicStatement` as a boolean);
 * - `conditionVerdict(condition, profile)` → the entry that pins the callers,
 *   or the reasons none does;
 * - {@link isPublicPrincipal} and {@link conditionRestrictsCallers}: the same
 *   semantics as booleans, for rules written against the earlier API.
 *
 * @example
 * const open = publicStatements(parsePolicy(event.request.policy) ?? []);
 * if (open.length > 0) console.log(open[0].principal, open[0].reasons);
 */
import { wildcardMatch } from '../../lib/wildcard.js';
import { conditionVerdict } from './policy/condition.js';
import type { PolicyStatement } from './policy/statement.js';
import { everyonePrincipal } from './policy/public.js';

export { type PolicyStatement, parseJsonText, parsePolicy } from './policy/statement.js';
export { type ConditionVerdict, type KeyProfile, conditionVerdict, parseOperator } from './policy/condition.js';
export { type PublicOptions, type PublicStatement, everyonePrincipal, isPublicStatement, publicStatement, publicStatements } from './policy/public.js';

/** True for `Effect: Allow` (any case). */
export function isAllow(statement: PolicyStatement): boolean {
  return statement.Effect.toLowerCase() === 'allow';
}

/** Every principal value of a `Principal` field, keyed by type (`*` for the bare string). */
export function principalValues(principal: unknown): { type: string; value: string }[] {
  if (typeof principal === 'string') return [{ type: '*', value: principal }];
  if (principal === null || typeof principal !== 'object' || Array.isArray(principal)) return [];
  const out: { type: string; value: string }[] = [];
  for (const [type, raw] of Object.entries(principal)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) if (typeof value === 'string') out.push({ type, value });
  }
  return out;
}

/**
 * True when a statement's principal is everyone: `*`, `{"AWS":"*"}`, a list
 * holding `*`, `arn:aws:iam::*:root`, or any `NotPrincipal`. The effect and
 * the condition are not looked at; {@link publicStatement} combines all three.
 */
export function isPublicPrincipal(statement: PolicyStatement): boolean {
  return everyonePrincipal(statement) !== undefined;
}

/** The AWS account id of a principal value (`123456789012`, `arn:aws:iam::123456789012:root`). */
export function accountOfPrincipal(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const match = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(value);
  return match?.[1];
}

/**
 * True when a condition pins the statement to known callers, read as AWS
 * defines public (see ./policy/condition.ts): a positive operator on a key
 * naming the caller (`aws:PrincipalOrgID`, `aws:SourceVpce`, `aws:SourceArn`,
 * ...), fixed values, and `aws:SourceIp` ranges that do not cover the
 * internet. Negated operators, `ForAllValues:`, `...IfExists` on a key an
 * anonymous caller does not send, wildcards and policy variables do not
 * restrict; neither do transport, MFA, referer, user-agent, tag or time keys.
 *
 * @param condition - the statement's `Condition`
 * @param _forTrust - kept for callers of the earlier signature: `sts:ExternalId`
 *   never restricts, for trust and resource policies alike
 */
export function conditionRestrictsCallers(condition: PolicyStatement['Condition'], _forTrust = false): boolean {
  return conditionVerdict(condition, 'aws').restricts;
}

/**
 * IAM and STS actions that let a principal raise its own or another's
 * privileges (create credentials, attach or write policies, pass roles, join
 * groups, rewrite trust). An allowed action pattern that covers any of these
 * on every resource is admin-class.
 */
const ESCALATION_ACTIONS = [
  'iam:AddUserToGroup',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreatePolicyVersion',
  'iam:PassRole',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:SetDefaultPolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateLoginProfile',
].map((a) => a.toLowerCase());

/** Match an IAM action pattern (`*` and `?` wildcards, case-insensitive) against an action. */
function actionCovers(pattern: string, action: string): boolean {
  return wildcardMatch(pattern.toLowerCase(), action);
}

/** True for `*` and for ARNs that name every IAM user, role, group or policy. */
function isEveryResource(resource: string): boolean {
  const r = resource.trim();
  if (/^\*+$/.test(r) || /^arn:\*(:\*)*$/.test(r)) return true;
  return /^arn:[^:]*:(iam|\*):[^:]*:[^:]*:(\*|(user|role|group|policy)\/\*)$/.test(r);
}

/**
 * The actions of an allow statement that grant admin-class power on every
 * resource: `*`, `*:*`, `iam:*`, `sts:*`, any pattern covering a privilege
 * escalation action (`iam:PassRole`, `iam:Put*`, `iam:Attach*Policy`, ...),
 * or an allow with `NotAction` (everything but a few actions). Statements
 * scoped to named resources, deny statements and read-only patterns
 * (`iam:Get*`, `iam:List*`) give `[]`.
 */
export function adminActions(statement: PolicyStatement): string[] {
  if (!isAllow(statement)) return [];
  const onEverything =
    statement.NotResource !== undefined || (statement.Resource ?? ['*']).some(isEveryResource);
  if (!onEverything) return [];
  if (statement.NotAction) return [`NotAction:${statement.NotAction.join(',')}`];
  return (statement.Action ?? []).filter((a) => {
    const action = a.trim().toLowerCase();
    if (action === '*' || action === '*:*' || action === 'sts:*') return true;
    return ESCALATION_ACTIONS.some((e) => actionCovers(action, e));
  });
}
