/**
 * Which statements of a resource policy a finding names: the evidence
 * statements the rule saw, matched in the CURRENT policy by `Sid` when the
 * evidence has one, else by canonical equality (key order, one-element
 * lists and list order do not matter). Policy-based actions remove only
 * those, and only while they are still public by the rule's predicate; any
 * other public statement is another finding's evidence and is kept. When
 * none of them is left the action reports `already-fixed`.
 */
import { isJsonObject as isObject } from '../../lib/guards.js';
import { isPublicStatement, parsePolicy } from '../../rules/lib/aws-policy.js';
import type { JsonValue } from '../../types.js';

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

/** True for a statement as written that the AWS rules call public (the one policy module's predicate). */
export function isPublicAwsStatement(raw: JsonValue): boolean {
  return (parsePolicy({ Statement: [raw] }) ?? []).some((s) => isPublicStatement(s));
}

/** The current statements split by a finding's evidence. */
export interface EvidenceSplit {
  /** The named statements that are still public: the ones to remove. */
  readonly removed: JsonValue[];
  /** Everything else, as written. */
  readonly kept: JsonValue[];
  /** How many kept statements are public all the same (other findings' evidence). */
  readonly otherPublic: number;
}

/**
 * Split the CURRENT statements of a policy by the evidence of a finding:
 * remove those {@link namedBy} the evidence that are still public by
 * `isPublic`, keep the rest (other public statements included).
 */
export function splitByEvidence(
  statements: readonly JsonValue[],
  evidence: readonly JsonValue[],
  isPublic: (statement: JsonValue) => boolean = isPublicAwsStatement,
): EvidenceSplit {
  const named = namedBy(evidence);
  const offending = (s: JsonValue) => named(s) && isPublic(s);
  const kept = statements.filter((s) => !offending(s));
  return { removed: statements.filter(offending), kept, otherPublic: kept.filter(isPublic).length };
}

/** The `already-fixed` reason when none of the named statements is left in the policy of `resource`. */
export function evidenceGoneReason(resource: string, otherPublic: number): string {
  return otherPublic === 0
    ? `the policy of ${resource} no longer has public statements`
    : `the public statements of this finding are no longer in the policy of ${resource}; ${otherPublic} other public statement(s) left untouched (not this finding's evidence)`;
}
