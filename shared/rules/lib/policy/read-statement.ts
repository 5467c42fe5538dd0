/**
 * The hand-written reader behind `parsePolicy` (./statement.ts): typeof
 * checks that build exactly the objects the zod schemas there build — the
 * declared fields first, in the schema's order, then the other defined keys
 * as `for…in` gives them (without `__proto__`, as zod drops it); lists and
 * `Condition` copied, `Principal` and unknown values kept by reference.
 *
 * It reads plain JSON data only: an object whose prototype is not
 * `Object.prototype` (or `null`), an array that is not a plain `Array`, or
 * anything zod would see as a promise answers {@link UNUSUAL}, and the caller
 * asks zod instead. A verdict this reader does give — a statement, or "not
 * one" — is the one zod gives.
 */

import { isPlainArray, isPlainObject } from '../../../lib/plain-json.js';

/** "Ask zod": the value is not plain JSON data. */
export const UNUSUAL: unique symbol = Symbol('unusual');
type Unusual = typeof UNUSUAL;

/** The schema's fields (./statement.ts), in its order. */
const DECLARED: ReadonlySet<string> = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

/** What zod calls an object, for the values this reader takes on. */
type Kind = 'object' | 'other' | Unusual;

function kindOf(value: unknown): Kind {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'other';
  return isPlainObject(value) ? 'object' : UNUSUAL;
}

/**
 * A passthrough copy, as zod's `looseObject({})` makes one: keys it does not
 * declare are copied only when defined (and `__proto__` never).
 */
function passthroughCopy(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = value[key];
    if (v !== undefined && key !== '__proto__') out[key] = v;
  }
  return out;
}

/** A copy as `z.record(z.string(), z.unknown())` makes one: every key but `__proto__`, `undefined` values too. */
function recordCopy(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) if (key !== '__proto__') out[key] = value[key];
  return out;
}

/**
 * The statements of a parsed document: `Statement` as a list, or one
 * statement (copied, as zod copies it) in a list of one; `undefined` when
 * the value is not a policy.
 */
export function readDocument(doc: unknown): readonly unknown[] | undefined | Unusual {
  const kind = kindOf(doc);
  if (kind !== 'object') return kind === UNUSUAL ? UNUSUAL : undefined;
  const statement = (doc as Record<string, unknown>).Statement;
  if (Array.isArray(statement)) return isPlainArray(statement) ? statement : UNUSUAL;
  const inner = kindOf(statement);
  if (inner === 'object') return [passthroughCopy(statement as Record<string, unknown>)];
  return inner === UNUSUAL ? UNUSUAL : undefined;
}

/** The value of a field the schema rejects: so is the statement. */
const INVALID: unique symbol = Symbol('invalid');

/** An optional field zod leaves out: absent (a field present as `undefined` is written as such). */
const ABSENT: unique symbol = Symbol('absent');

/** `string | string[]` as a new list. */
function stringList(value: unknown): unknown {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return INVALID;
  if (!isPlainArray(value)) return UNUSUAL;
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string') return INVALID;
    out.push(item);
  }
  return out;
}

/** `Condition`: operator → key → anything, both levels copied. */
function conditionOf(value: unknown): unknown {
  const kind = kindOf(value);
  if (kind !== 'object') return kind === UNUSUAL ? UNUSUAL : INVALID;
  const out: Record<string, Record<string, unknown>> = {};
  const outer = value as Record<string, unknown>;
  for (const operator in outer) {
    const entries = outer[operator];
    const inner = kindOf(entries);
    if (inner !== 'object') return inner === UNUSUAL ? UNUSUAL : INVALID;
    if (operator !== '__proto__') out[operator] = recordCopy(entries as Record<string, unknown>);
  }
  return out;
}

function sidOf(value: unknown): unknown {
  return typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value)) ? value : INVALID;
}

const anyValue = (value: unknown): unknown => value;

/** An optional field read by `read`, or {@link ABSENT}. */
function optional(statement: Record<string, unknown>, key: string, value: unknown, read: (value: unknown) => unknown): unknown {
  if (value === undefined) return key in statement ? undefined : ABSENT;
  return read(value);
}

/**
 * One statement as `{ ...statementSchema.parse(raw), raw }` gives it, or
 * `undefined` where the schema rejects it. The fields are spelled out, not
 * looped over: named property reads and writes are what make this fast.
 */
export function readStatement(raw: unknown): Record<string, unknown> | undefined | Unusual {
  const kind = kindOf(raw);
  if (kind !== 'object') return kind === UNUSUAL ? UNUSUAL : undefined;
  const s = raw as Record<string, unknown>;
  const sid = optional(s, 'Sid', s.Sid, sidOf);
  const effect = typeof s.Effect === 'string' ? s.Effect : INVALID;
  const principal = optional(s, 'Principal', s.Principal, anyValue);
  const notPrincipal = optional(s, 'NotPrincipal', s.NotPrincipal, anyValue);
  const action = optional(s, 'Action', s.Action, stringList);
  const notAction = optional(s, 'NotAction', s.NotAction, stringList);
  const resource = optional(s, 'Resource', s.Resource, stringList);
  const notResource = optional(s, 'NotResource', s.NotResource, stringList);
  const condition = optional(s, 'Condition', s.Condition, conditionOf);
  // zod reads every field before it rejects, and throws on a list it cannot
  // iterate: a field left to zod wins over an invalid one.
  if (action === UNUSUAL || notAction === UNUSUAL || resource === UNUSUAL || notResource === UNUSUAL || condition === UNUSUAL) {
    return UNUSUAL;
  }
  if (
    sid === INVALID ||
    effect === INVALID ||
    action === INVALID ||
    notAction === INVALID ||
    resource === INVALID ||
    notResource === INVALID ||
    condition === INVALID
  ) {
    return undefined;
  }
  // The declared fields in the schema's order, then the others as zod passes them through.
  const out: Record<string, unknown> = {};
  if (sid !== ABSENT) out.Sid = sid;
  out.Effect = effect;
  if (principal !== ABSENT) out.Principal = principal;
  if (notPrincipal !== ABSENT) out.NotPrincipal = notPrincipal;
  if (action !== ABSENT) out.Action = action;
  if (notAction !== ABSENT) out.NotAction = notAction;
  if (resource !== ABSENT) out.Resource = resource;
  if (notResource !== ABSENT) out.NotResource = notResource;
  if (condition !== ABSENT) out.Condition = condition;
  for (const key in s) {
    const value = s[key];
    // zod's passthrough drops keys it does not declare whose value is `undefined`.
    if (value !== undefined && !DECLARED.has(key) && key !== '__proto__') out[key] = value;
  }
  out.raw = raw;
  return out;
}
