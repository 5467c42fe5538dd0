/**
 * Which statements of a resource policy a finding names: the evidence
 * statements the rule saw, matched in the CURRENT policy by `Sid` when the
 * evidence has one, else by canonical equality (key order, one-element
 * lists and list order do not matter). Policy-based actions remove only
 * those, and only while they are still public by the rule's predicate; any
 * other public statement is another finding's evidence and is kept. When
 * none of them is left the action reports `already-fixed`.
 */
import type { JsonValue } from '../../types.js';
import { isJsonObject as isObject } from '../../lib/guards.js';

type Json = { readonly [key: string]: JsonValue };

/** A canonical text of a policy value: keys sorted, a one-element list as its element, lists as sorted sets. */
export function canonical(value: JsonValue): string {
  if (Array.isArray(value)) {
    if (value.length === 1) return canonical(value[0] as JsonValue);
    return `[${value.map(canonical).sort().join(',')}]`;
  }
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k] as JsonValue)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The `Sid` of a statement, when it has a non-empty one. */
function sidOf(statement: JsonValue): string | undefined {
  return isObject(statement) && typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : undefined;
}

/**
 * A predicate: is this current statement one the finding names? (`evidence`
 * are the plan's statements as logged.)
 */
export function namedBy(evidence: readonly JsonValue[]): (statement: JsonValue) => boolean {
  const sids = new Set(evidence.flatMap((e) => sidOf(e) ?? []));
  const texts = new Set(evidence.filter((e) => sidOf(e) === undefined).map(canonical));
  return (statement) => {
    const sid = sidOf(statement);
    return sid !== undefined ? sids.has(sid) : texts.has(canonical(statement));
  };
}
