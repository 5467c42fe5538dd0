/**
 * Pure editing of an IAM role trust policy for `aws-iam-deny-role-trust`:
 * drop the Allow statements that let anyone assume the role (no condition
 * restricting the callers; `sts:ExternalId` alone does not), and take the
 * named outside accounts out of the `AWS` principals of the others. A
 * statement whose principals are all removed is dropped; service,
 * federated and other account principals are kept.
 */
import {
  accountOfPrincipal,
  conditionRestrictsCallers,
  isAllow,
  isPublicPrincipal,
  parseJsonText,
  parsePolicy,
} from '../../rules/lib/aws-policy.js';
import type { JsonValue } from '../../types.js';
import { isJsonObject as isObject } from '../../lib/guards.js';

type Json = { readonly [key: string]: JsonValue };

/** A trust policy after {@link containTrust}: what is kept and what was taken out. */
export interface TrustEdit {
  /** The document with the kept statements (its other fields as they were). */
  readonly document: Json;
  readonly kept: readonly JsonValue[];
  /** Statements dropped whole (public, or left without principals). */
  readonly removed: readonly JsonValue[];
  /** Outside account principals taken out (of kept and of dropped statements). */
  readonly removedPrincipals: readonly string[];
}

/** The policy document from `GetRole` (URL-encoded JSON) or plain JSON, else `undefined`. */
export function readTrustDocument(text: string): Json | undefined {
  const doc = parseJsonText(text) as JsonValue | undefined;
  return doc !== undefined && isObject(doc) ? doc : undefined;
}

function trustsAnyone(raw: JsonValue): boolean {
  const [s] = parsePolicy({ Statement: [raw] }) ?? [];
  return s !== undefined && isAllow(s) && isPublicPrincipal(s) && !conditionRestrictsCallers(s.Condition, true);
}

/** The statement without the `AWS` principals of `accounts`; `undefined` when no principal is left. */
function withoutAccounts(raw: Json, accounts: ReadonlySet<string>, removed: string[]): Json | undefined {
  const principal = raw.Principal;
  const [s] = parsePolicy({ Statement: [raw] }) ?? [];
  if (!s || !isAllow(s) || !isObject(principal) || principal.AWS === undefined) return raw;
  const values = Array.isArray(principal.AWS) ? principal.AWS : [principal.AWS];
  const outside = (v: JsonValue) => typeof v === 'string' && accounts.has(accountOfPrincipal(v) ?? '');
  const left = values.filter((v) => !outside(v));
  if (left.length === values.length) return raw;
  removed.push(...values.filter(outside).map(String));
  const { AWS: _dropped, ...others } = principal;
  // Only a list can lose some values and keep others, so what is left stays a list.
  const rest: Json = left.length === 0 ? others : { ...others, AWS: left };
  return Object.keys(rest).length === 0 ? undefined : { ...raw, Principal: rest };
}

/**
 * Remove from `doc` what lets anyone or the `trusted` accounts assume the
 * role (entries of `trusted` that are not 12-digit account ids, such as
 * `* (anyone)`, are ignored: public statements are always removed).
 */
export function containTrust(doc: Json, trusted: readonly JsonValue[]): TrustEdit {
  const accounts = new Set(trusted.filter((t): t is string => typeof t === 'string' && /^\d{12}$/.test(t)));
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
  const kept: JsonValue[] = [];
  const removed: JsonValue[] = [];
  const removedPrincipals: string[] = [];
  for (const raw of statements) {
    const edited = trustsAnyone(raw) ? undefined : isObject(raw) ? withoutAccounts(raw, accounts, removedPrincipals) : raw;
    if (edited === undefined) removed.push(raw);
    else kept.push(edited);
  }
  return { document: { ...doc, Statement: kept }, kept, removed, removedPrincipals };
}
