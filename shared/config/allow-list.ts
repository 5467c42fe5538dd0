/**
 * Allow-list matching: `*` matches any run of characters, the rest is
 * literal, case-insensitive, anchored at both ends.
 */
import type { AllowEntry } from './schema.js';
import { wildcardMatch } from '../lib/wildcard.js';
import type { Actor, Resource } from '../types.js';

/** A compiled allow-list entry. */
export interface AllowMatcher {
  readonly pattern: string;
  readonly reason?: string;
  test(value: string): boolean;
}

/** Compile configured entries once. */
export function compileAllowList(entries: readonly AllowEntry[]): AllowMatcher[] {
  return entries.map((entry) => {
    const pattern = typeof entry === 'string' ? entry : entry.pattern;
    const reason = typeof entry === 'string' ? undefined : entry.reason;
    const lower = pattern.toLowerCase().replace(/\?/g, '\u0000');
    // `?` is literal in allow-lists: hide it from the matcher, which treats it as a wildcard.
    const test = (value: string) => wildcardMatch(lower, value.toLowerCase().replace(/\?/g, '\u0000'));
    return { pattern, ...(reason ? { reason } : {}), test };
  });
}

/** The first matcher that matches any of `values`, or `undefined`. */
export function firstMatch(
  matchers: readonly AllowMatcher[],
  values: readonly (string | undefined)[],
): AllowMatcher | undefined {
  for (const matcher of matchers) {
    if (values.some((v) => v !== undefined && v !== '' && matcher.test(v))) return matcher;
  }
  return undefined;
}

/**
 * Every identifier of the caller an allow-list entry may name, most
 * specific first: ARN, the role (or user) behind a session, principal id,
 * name, session name and issuer name, `sts:SourceIdentity`, the IAM Identity
 * Center user and identity store, the SAML/web-identity provider, the
 * invoking AWS service and the resource its credentials were issued to,
 * the calling account, and on Yandex the federation and the impersonator.
 * Empty values are left out; each identifier appears once.
 *
 * @example
 * actorIdentifiers(event.actor)
 * // AssumedRole → ['arn:aws:sts::111122223333:assumed-role/Ops/bob', 'arn:aws:iam::111122223333:role/Ops',
 * //                'AROA…:bob', 'Ops/bob', 'bob', 'Ops', '111122223333']
 */
export function actorIdentifiers(actor: Actor): string[] {
  const values = [
    actor.arn,
    actor.roleArn,
    actor.id,
    actor.name,
    actor.sessionName,
    actor.issuerName,
    actor.sourceIdentity,
    actor.onBehalfOf,
    actor.identityStoreArn,
    actor.identityProvider,
    actor.invokedBy,
    actor.credentialsIssuedTo,
    actor.accountId,
    actor.federationId,
    actor.federationName,
    actor.impersonatorId,
    actor.impersonatorName,
  ];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
}

/** The identifiers of a finding's resource an allow-list entry may name: its id and name. */
export function resourceIdentifiers(resource: Resource): string[] {
  return [...new Set([resource.id, resource.name].filter((v): v is string => typeof v === 'string' && v !== ''))];
}
