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
import { conditionVerdict } from './policy/condition.js';
import { publicStatement } from './policy/public.js';
import type { PolicyStatement } from './aws-policy.js';

/**
 * True when a condition limits the callers, for the keys Yandex Object
 * Storage documents (storage/s3/api-ref/policy/conditions): `aws:SourceIp`
 * ranges that do not cover the internet, a fixed `aws:userid`, or a VPC
 * service connection (`yc:private-endpoint-id`), under a positive operator.
 * `aws:Referer`, `aws:UserAgent`, `aws:SecureTransport`, `aws:principaltype`
 * and time keys are set by the caller or say nothing of who it is.
 */
export function yandexConditionRestricts(condition: PolicyStatement['Condition']): boolean {
  return conditionVerdict(condition, 'yandex').restricts;
}

/**
 * True when a statement lets anyone in: `Allow`, principal everyone (`*`,
 * `{"CanonicalUser":"*"}`, `{"AWS":"*"}`, a list holding `*`, or any
 * `NotPrincipal`), and no condition that restricts the callers.
 */
export function isPublicStatement(statement: PolicyStatement): boolean {
  return publicStatement(statement, { profile: 'yandex' }) !== undefined;
}
