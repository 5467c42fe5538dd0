/**
 * IAM policy documents as they appear in audit records: an object, a JSON
 * string, or a URL-encoded JSON string; `Statement` one object or a list;
 * `Principal`, `Action` and `Resource` a string or a list. Used by AWS rules
 * and by Yandex bucket policies (same grammar).
 */
import { z } from 'zod';
import { wildcardMatch } from './wildcard.js';
import { looseObject } from '../../formats/zod.js';
import type { JsonValue } from '../../types.js';

const stringOrList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]));

const statementSchema = looseObject({
  Sid: z.union([z.string(), z.number()]).optional(),
  Effect: z.string(),
  Principal: z.unknown().optional(),
  NotPrincipal: z.unknown().optional(),
  Action: stringOrList.optional(),
  NotAction: stringOrList.optional(),
  Resource: stringOrList.optional(),
  NotResource: stringOrList.optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

/** One normalized statement; `raw` is the statement as written. */
export type PolicyStatement = z.infer<typeof statementSchema> & { readonly raw: JsonValue };

const documentSchema = looseObject({
  Statement: z.union([z.array(z.unknown()), looseObject({})]),
});

/**
 * Parse a policy document from any of its audit-log shapes.
 * @returns the statements, or `undefined` when the value is not a policy
 */
export function parsePolicy(value: unknown): PolicyStatement[] | undefined {
  const doc = documentSchema.safeParse(typeof value === 'string' ? parseJsonText(value) : value);
  if (!doc.success) return undefined;
  const list = Array.isArray(doc.data.Statement) ? doc.data.Statement : [doc.data.Statement];
  const statements: PolicyStatement[] = [];
  for (const raw of list) {
    const parsed = statementSchema.safeParse(raw);
    if (parsed.success) statements.push({ ...parsed.data, raw: raw as JsonValue });
  }
  return statements;
}

/** JSON text of a policy, plain or URL-encoded (as IAM returns it), parsed; else `undefined`. */
export function parseJsonText(text: string): unknown {
  for (const candidate of [text, safeDecode(text)]) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

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

/** True when a statement's principal is everyone: `*`, `{"AWS":"*"}`, `{"AWS":["*"]}`, or any NotPrincipal. */
export function isPublicPrincipal(statement: PolicyStatement): boolean {
  if (statement.NotPrincipal !== undefined) return true;
  return principalValues(statement.Principal).some(
    (p) => p.value === '*' && (p.type === '*' || p.type === 'AWS' || p.type === 'CanonicalUser'),
  );
}

/** The AWS account id of a principal value (`123456789012`, `arn:aws:iam::123456789012:root`). */
export function accountOfPrincipal(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const match = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(value);
  return match?.[1];
}

/** Condition keys that tie a statement to known callers or networks. */
const RESTRICTING_KEYS = new Set(
  [
    'aws:SourceVpce',
    'aws:SourceVpc',
    'aws:SourceIp',
    'aws:VpcSourceIp',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalServiceName',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:ResourceOrgID',
    'aws:userid',
    'aws:username',
    's3:DataAccessPointAccount',
    's3:DataAccessPointArn',
    'sts:ExternalId',
  ].map((k) => k.toLowerCase()),
);

/** Keys that only restrict for resource (bucket) policies, not for role trust. */
const WEAK_FOR_TRUST = new Set(['sts:externalid']);

/**
 * True when a condition limits the statement to known callers: a VPC
 * endpoint, an org id, a source account, an IP range. A transport-only
 * condition (`aws:SecureTransport`), a negated or `IfExists` operator, or a
 * value that is only a wildcard does not restrict.
 *
 * @param forTrust - for role trust policies `sts:ExternalId` alone does not count
 */
export function conditionRestrictsCallers(
  condition: PolicyStatement['Condition'],
  forTrust = false,
): boolean {
  if (!condition) return false;
  for (const [operator, entries] of Object.entries(condition)) {
    const op = operator.toLowerCase();
    if (op.startsWith('not') || op.includes('ifexists') || op.startsWith('null')) continue;
    if (op.includes('forallvalues')) continue;
    for (const [key, value] of Object.entries(entries)) {
      const k = key.toLowerCase();
      if (!RESTRICTING_KEYS.has(k)) continue;
      if (forTrust && WEAK_FOR_TRUST.has(k)) continue;
      const values = (Array.isArray(value) ? value : [value]).map((v) =>
        typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '*',
      );
      if (values.length > 0 && values.every((v) => !isWildcardOnly(v, k))) return true;
    }
  }
  return false;
}

function isWildcardOnly(value: string, key: string): boolean {
  if (/^[*?]+$/.test(value.trim())) return true;
  if (key === 'aws:sourceip' || key === 'aws:vpcsourceip') {
    const prefix = /\/(\d+)$/.exec(value.trim());
    return prefix !== null && Number(prefix[1]) === 0;
  }
  return false;
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
  if (statement.NotAction) return ['NotAction:' + statement.NotAction.join(',')];
  return (statement.Action ?? []).filter((a) => {
    const action = a.trim().toLowerCase();
    if (action === '*' || action === '*:*' || action === 'sts:*') return true;
    return ESCALATION_ACTIONS.some((e) => actionCovers(action, e));
  });
}
