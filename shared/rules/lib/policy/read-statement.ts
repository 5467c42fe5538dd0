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

/** "Ask zod": the value is not plain JSON data. */
export const UNUSUAL: unique symbol = Symbol('unusual');
type Unusual = typeof UNUSUAL;

/** The schema's fields, in its order. */
const FIELDS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'] as const;
const DECLARED: ReadonlySet<string> = new Set(FIELDS);

/** What zod calls an object, for the values this reader takes on. */
type Kind = 'object' | 'other' | Unusual;

function kindOf(value: unknown): Kind {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'other';
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return UNUSUAL;
  // zod reads an object with `then` and `catch` functions as a promise.
  if (typeof (value as { then?: unknown }).then === 'function') return UNUSUAL;
  return 'object';
}

const ARRAY_ITERATOR = Array.prototype[Symbol.iterator];

/** An array zod can spread as this reader walks it (zod throws on one it cannot iterate). */
function isPlainArray(value: unknown[]): boolean {
  return Object.getPrototypeOf(value) === Array.prototype && value[Symbol.iterator] === ARRAY_ITERATOR;
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

/** `string | string[]` as a new list; `undefined` when it is neither. */
function stringList(value: unknown): string[] | undefined | Unusual {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return undefined;
  if (!isPlainArray(value)) return UNUSUAL;
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string') return undefined;
    out.push(item);
  }
  return out;
}

/** `Condition`: operator → key → anything, both levels copied; `undefined` when it is not that. */
function conditionOf(value: unknown): Record<string, Record<string, unknown>> | undefined | Unusual {
  const kind = kindOf(value);
  if (kind !== 'object') return kind === UNUSUAL ? UNUSUAL : undefined;
  const out: Record<string, Record<string, unknown>> = {};
  const outer = value as Record<string, unknown>;
  for (const operator in outer) {
    const entries = outer[operator];
    const inner = kindOf(entries);
    if (inner !== 'object') return inner === UNUSUAL ? UNUSUAL : undefined;
    if (operator !== '__proto__') out[operator] = recordCopy(entries as Record<string, unknown>);
  }
  return out;
}

/** Where a field's value is invalid, so is the statement: {@link readStatement} stops there. */
const INVALID: unique symbol = Symbol('invalid');

/** A declared field's value as the schema leaves it (`value` is known to be defined). */
function fieldValue(field: (typeof FIELDS)[number], value: unknown): unknown {
  switch (field) {
    case 'Sid':
      return typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value)) ? value : INVALID;
    case 'Effect':
      return typeof value === 'string' ? value : INVALID;
    case 'Principal':
    case 'NotPrincipal':
      return value;
    case 'Condition':
      return conditionOf(value) ?? INVALID;
    default:
      return stringList(value) ?? INVALID;
  }
}

/**
 * One statement as `{ ...statementSchema.parse(raw), raw }` gives it, or
 * `undefined` where the schema rejects it.
 */
export function readStatement(raw: unknown): Record<string, unknown> | undefined | Unusual {
  const kind = kindOf(raw);
  if (kind !== 'object') return kind === UNUSUAL ? UNUSUAL : undefined;
  const statement = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // zod reads every field before it rejects, and throws on a list it cannot
  // iterate: after an invalid field, look on for one this reader leaves to zod.
  let invalid = false;
  for (const field of FIELDS) {
    const value = statement[field];
    if (value === undefined) {
      // `Effect` is required; an optional field is left out when absent and written when present as `undefined`.
      if (field === 'Effect') invalid = true;
      else if (field in statement) out[field] = undefined;
      continue;
    }
    const read = fieldValue(field, value);
    if (read === UNUSUAL) return UNUSUAL;
    if (read === INVALID) invalid = true;
    else out[field] = read;
  }
  if (invalid) return undefined;
  for (const key in statement) {
    const value = statement[key];
    // zod's passthrough drops keys it does not declare whose value is `undefined`.
    if (value !== undefined && !DECLARED.has(key) && key !== '__proto__') out[key] = value;
  }
  out.raw = raw;
  return out;
}
