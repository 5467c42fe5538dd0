/**
 * Yandex Object Storage bucket policies: the AWS policy grammar
 * (docs: storage/s3/api-ref/policy/scheme.md) with Yandex's own condition
 * key `yc:private-endpoint-id` (access only through a VPC service
 * connection). One predicate, {@link isPublicStatement}, says which
 * statements let anyone in, so the rule and the remediation that removes
 * those statements can agree on them.
 *
 * ```json
 * {"Version":"2012-10-17","Statement":[{"Sid":"public-read","Effect":"Allow",
 *   "Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-docs/*"}]}
 * ```
 */
import {
  type PolicyStatement,
  conditionRestrictsCallers,
  isAllow,
  isPublicPrincipal,
} from './aws-policy.js';

/** Yandex-only condition keys that tie a statement to known networks. */
const YANDEX_RESTRICTING_KEYS = new Set(['yc:private-endpoint-id']);

/**
 * True when a condition limits the callers: the AWS keys Yandex supports
 * (`aws:sourceip`, `aws:userid`) or a VPC service connection
 * (`yc:private-endpoint-id`). `aws:referer`, `aws:useragent` and
 * `aws:securetransport` are set by the caller and restrict nobody.
 */
export function yandexConditionRestricts(condition: PolicyStatement['Condition']): boolean {
  if (conditionRestrictsCallers(condition)) return true;
  for (const [operator, entries] of Object.entries(condition ?? {})) {
    const op = operator.toLowerCase();
    // Negated (`StringNotEquals`), `…IfExists` and `Null` operators let callers without the key through.
    if (op.includes('not') || op.includes('ifexists') || op.startsWith('null')) continue;
    for (const [key, value] of Object.entries(entries)) {
      if (!YANDEX_RESTRICTING_KEYS.has(key.toLowerCase())) continue;
      const values = Array.isArray(value) ? value : [value];
      if (values.length > 0 && values.every((v) => typeof v === 'string' && v.trim() !== '' && !/^[*?]+$/.test(v.trim()))) {
        return true;
      }
    }
  }
  return false;
}

/** True for a `Principal` that is a list holding `*` (not in the documented schema, but unambiguous). */
function listedEveryone(principal: unknown): boolean {
  return Array.isArray(principal) && principal.includes('*');
}

/**
 * True when a statement lets anyone in: `Allow`, principal everyone (`*`,
 * `{"CanonicalUser":"*"}`, `{"AWS":"*"}`, or any `NotPrincipal`), and no
 * condition that restricts the callers.
 */
export function isPublicStatement(statement: PolicyStatement): boolean {
  if (!isAllow(statement)) return false;
  if (!isPublicPrincipal(statement) && !listedEveryone(statement.Principal)) return false;
  return !yandexConditionRestricts(statement.Condition);
}

