/**
 * Does a policy `Condition` pin a wildcard-principal statement to known
 * callers? The reading follows AWS's own definition of a public policy
 * (S3 user guide, "The meaning of public"; IAM user guide, "IAM JSON policy
 * elements: Condition operators" and "...IfExists condition operators"):
 *
 * - conditions are ANDed, so one restricting entry is enough;
 * - only a key that names who or where the caller is can restrict
 *   (`aws:SourceArn`, `aws:PrincipalOrgID`, `aws:SourceIp`, ...); transport,
 *   MFA, referer, user agent, tags and time never do;
 * - the operator must be positive (`StringEquals`, `StringLike`, `ArnEquals`,
 *   `ArnLike`, `IpAddress`, their `ForAnyValue:` forms): a negated operator
 *   (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`) and `ForAllValues:`
 *   are true for a caller that lacks the key, as an anonymous one does;
 * - `...IfExists` is true when the key is absent, so it restricts only for a
 *   key every caller sends (`aws:SourceIp`);
 * - every value must be fixed: no `*` or `?`, no policy variable
 *   (`${aws:username}`), so `arn:aws:iam::*:root` pins nobody; for
 *   `aws:SourceIp` the ranges must not together cover IPv4 or IPv6.
 */
import { internetCoverage, parseCidr } from '../cidr.js';

/** Which cloud's documented condition keys apply. */
export type KeyProfile = 'aws' | 'yandex';

/**
 * AWS keys that name who or where the caller is (S3 "The meaning of
 * public"; IAM global condition keys). `sts:ExternalId` is a shared secret,
 * not an identity, and `aws:username` is not unique across accounts.
 */
const AWS_IDENTITY_KEYS = [
  'aws:SourceArn',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceAccount',
  'aws:SourceOwner',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalServiceName',
  'aws:userid',
  'aws:SourceIp',
  's3:DataAccessPointArn',
  's3:DataAccessPointAccount',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  // Where the caller comes from: the VPC endpoint's owner (IAM global condition keys).
  'aws:SourceVpcArn',
  'aws:VpceAccount',
  'aws:VpceOrgID',
  'aws:VpceOrgPaths',
  // The caller's account as KMS key policies pin it (the default key policy of AWS-managed keys).
  'kms:CallerAccount',
];

/**
 * Yandex Object Storage keys that name the caller (storage/s3/api-ref/policy/conditions):
 * the source address, the subject id, and a VPC service connection.
 */
const YANDEX_IDENTITY_KEYS = ['aws:SourceIp', 'aws:userid', 'yc:private-endpoint-id'];

const KEYS: Readonly<Record<KeyProfile, ReadonlySet<string>>> = {
  aws: new Set(AWS_IDENTITY_KEYS.map((k) => k.toLowerCase())),
  yandex: new Set(YANDEX_IDENTITY_KEYS.map((k) => k.toLowerCase())),
};

/** Keys every caller sends, so `...IfExists` on them still tests the caller. */
const ALWAYS_SENT = new Set(['aws:sourceip']);

/** Base operators that hold only when the caller's value matches one listed value. */
const POSITIVE = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress']);

/** A condition operator split into its parts (`ForAnyValue:StringLikeIfExists`). */
export interface ParsedOperator {
  readonly set?: 'forallvalues' | 'foranyvalue';
  /** Lower-case base operator without the set prefix and `IfExists`. */
  readonly base: string;
  readonly ifExists: boolean;
}

/** Split an operator name; case-insensitive. */
export function parseOperator(operator: string): ParsedOperator {
  let op = operator.trim().toLowerCase();
  let set: ParsedOperator['set'];
  const colon = op.indexOf(':');
  if (colon >= 0) {
    const prefix = op.slice(0, colon);
    if (prefix === 'forallvalues' || prefix === 'foranyvalue') set = prefix;
    op = op.slice(colon + 1);
  }
  const ifExists = op.endsWith('ifexists');
  const base = ifExists ? op.slice(0, -'ifexists'.length) : op;
  return set ? { set, base, ifExists } : { base, ifExists };
}

/** One condition entry (operator, key, values) and what it does to anonymous callers. */
export interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** The entry that pins the callers, or the reasons none does. */
export type ConditionVerdict =
  | { readonly restricts: true; readonly by: ConditionEntry }
  | { readonly restricts: false; readonly reasons: readonly string[] };

function valuesOf(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else return undefined;
  }
  return out;
}

/** True for a value with a wildcard or a policy variable. */
function isPattern(value: string): boolean {
  return /[*?]|\$\{/.test(value);
}

/** Why one entry fails to pin the callers, or `undefined` when it pins them. */
export function entryProblem(entry: ConditionEntry, profile: KeyProfile = 'aws'): string | undefined {
  const why = entryFault(entry, profile);
  return why === undefined ? undefined : `${entry.operator} ${entry.key}: ${why}`;
}

/** {@link entryProblem} without the `operator key: ` lead (a pinning entry, the common case, builds no text). */
function entryFault(entry: ConditionEntry, profile: KeyProfile): string | undefined {
  const key = entry.key.toLowerCase();
  if (!KEYS[profile].has(key)) return 'the key does not name the caller';
  const op = parseOperator(entry.operator);
  if (!POSITIVE.has(op.base)) return 'a negated or non-matching operator lets callers without the key through';
  if (op.set === 'forallvalues') return 'ForAllValues is true when the key is absent';
  if (op.ifExists && !ALWAYS_SENT.has(key)) return 'IfExists is true when the key is absent';
  if (entry.values.length === 0) return 'no value';
  if (key === 'aws:sourceip') {
    if (op.base !== 'ipaddress') return 'not an IP address comparison';
    if (entry.values.some((v) => parseCidr(v) === undefined)) return 'a value is not an address range';
    const covered = internetCoverage(entry.values);
    if (covered.length > 0) return `${covered[0]?.ranges.join(', ')} cover the internet`;
    return undefined;
  }
  const open = entry.values.find(isPattern);
  if (open !== undefined) return `"${open}" is a pattern, not a fixed value`;
  return undefined;
}

/**
 * Read a statement's `Condition` as AWS does for publicity.
 *
 * @example
 * conditionVerdict({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })
 * // → { restricts: true, by: { operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] } }
 * @param condition - the statement's `Condition` (operator → key → value or list)
 * @param profile - whose documented keys apply (`aws` or `yandex`)
 */
export function conditionVerdict(condition: unknown, profile: KeyProfile = 'aws'): ConditionVerdict {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    return { restricts: false, reasons: ['no condition'] };
  }
  const reasons: string[] = [];
  for (const [operator, entries] of Object.entries(condition)) {
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) continue;
    for (const [key, raw] of Object.entries(entries)) {
      const values = valuesOf(raw);
      if (values === undefined) {
        reasons.push(`${operator} ${key}: unreadable value`);
        continue;
      }
      const entry = { operator, key, values };
      const problem = entryProblem(entry, profile);
      if (problem === undefined) return { restricts: true, by: entry };
      reasons.push(problem);
    }
  }
  return { restricts: false, reasons: reasons.length > 0 ? reasons : ['no condition'] };
}
