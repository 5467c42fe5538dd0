/**
 * Which statements of a resource policy make the resource public, in AWS's
 * sense (S3 user guide, "The meaning of public"): an `Allow` whose principal
 * is everyone (`*`, `{"AWS":"*"}`, a list holding `*`, `{"CanonicalUser":"*"}`,
 * or any `NotPrincipal`, which grants to everyone but the listed principals)
 * and whose condition does not pin the callers to fixed values of a key that
 * names who or where they are (see ./condition.ts). Used by every rule that
 * reads a resource policy (S3 and Yandex bucket policies, role trust, and
 * the KMS/SQS/SNS/Lambda resource-policy rules), and by the remediation that
 * removes the same statements.
 *
 * @example
 * const statements = parsePolicy(event.request.bucketPolicy) ?? [];
 * for (const p of publicStatements(statements)) console.log(p.index, p.principal, p.reasons);
 */
import type { PolicyStatement } from './statement.js';
import { type KeyProfile, conditionVerdict } from './condition.js';

/** Options of {@link publicStatement}. */
export interface PublicOptions {
  /**
   * Whose documented condition keys apply.
   * @default 'aws'
   */
  readonly profile?: KeyProfile;
}

/** Why a statement is public: the principal that lets everyone in, and why no condition pins it. */
export interface PublicStatement {
  readonly statement: PolicyStatement;
  /** Position in the list given to {@link publicStatements} (0 for {@link publicStatement}). */
  readonly index: number;
  /** `*`, `AWS:*`, `CanonicalUser:*`, or `NotPrincipal`. */
  readonly principal: string;
  /** Why each condition entry fails to pin the callers (`no condition` when there is none). */
  readonly reasons: readonly string[];
  /** True when the statement has a condition that was read and found not to restrict. */
  readonly conditioned: boolean;
}

function isEveryone(value: string): boolean {
  const v = value.trim();
  return v === '*' || /^arn:aws[\w-]*:iam::\*:root$/i.test(v);
}

/**
 * The part of a statement's principal that is everyone, or `undefined`.
 * Accepts `"*"`, `["*"]`, `{"AWS":"*"}`, `{"AWS":["*"]}`, `{"CanonicalUser":"*"}`,
 * and `arn:aws:iam::*:root` (the root of every account); any `NotPrincipal`
 * counts, as an Allow with it grants everyone but the listed principals.
 */
export function everyonePrincipal(statement: Pick<PolicyStatement, 'Principal' | 'NotPrincipal'>): string | undefined {
  if (statement.NotPrincipal !== undefined) return 'NotPrincipal';
  const principal = statement.Principal;
  if (typeof principal === 'string') return isEveryone(principal) ? '*' : undefined;
  if (Array.isArray(principal)) return principal.some((p) => typeof p === 'string' && isEveryone(p)) ? '*' : undefined;
  if (principal === null || typeof principal !== 'object') return undefined;
  for (const [type, raw] of Object.entries(principal)) {
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.some((v) => typeof v === 'string' && isEveryone(v))) return `${type}:*`;
  }
  return undefined;
}

/**
 * Whether one statement makes the resource public, with the evidence.
 *
 * @param statement - a parsed statement (see `parsePolicy`)
 * @param options - the condition-key profile (`aws` by default, `yandex` for Object Storage)
 * @returns the verdict, or `undefined` when the statement is not public
 *   (a Deny, a named principal, or a condition pinning the callers)
 */
export function publicStatement(statement: PolicyStatement, options: PublicOptions = {}): PublicStatement | undefined {
  if (statement.Effect.trim().toLowerCase() !== 'allow') return undefined;
  const principal = everyonePrincipal(statement);
  if (principal === undefined) return undefined;
  const verdict = conditionVerdict(statement.Condition, options.profile ?? 'aws');
  if (verdict.restricts) return undefined;
  return { statement, index: 0, principal, reasons: verdict.reasons, conditioned: statement.Condition !== undefined };
}

/** Every public statement of a policy, with its index in `statements`. */
export function publicStatements(
  statements: readonly PolicyStatement[],
  options: PublicOptions = {},
): PublicStatement[] {
  return statements.flatMap((s, index) => {
    const found = publicStatement(s, options);
    return found ? [{ ...found, index }] : [];
  });
}

/** True when the statement is public (see {@link publicStatement}). */
export function isPublicStatement(statement: PolicyStatement, options: PublicOptions = {}): boolean {
  return publicStatement(statement, options) !== undefined;
}
