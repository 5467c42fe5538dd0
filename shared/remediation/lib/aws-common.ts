/**
 * What every AWS action shares: the region of the finding, reading plan
 * fields, and turning an SDK error into an `already-fixed` or `failed`
 * outcome that names the AWS error code and message. Actions wrap their
 * body in {@link guarded} so that nothing they call can make them throw.
 */
import { describeError } from '../../errors.js';
import type { Finding, JsonValue, RemediationOutcome, RemediationPlan } from '../../types.js';
import { type ActionContext, awsErrorName, outcome } from '../action.js';

/** The region the audited call was made in (`us-east-1` when the log has none). */
export function regionOf(finding: Finding): string {
  return finding.event.region ?? 'us-east-1';
}

/** A non-empty string field of the plan target, else `undefined`. */
export function targetText(plan: RemediationPlan, key: string): string | undefined {
  const value = plan.target[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A list field of the plan target (`[]` when absent). */
export function targetList(plan: RemediationPlan, key: string): readonly JsonValue[] {
  const value = plan.target[key];
  return Array.isArray(value) ? value : [];
}

/** A `/0` written after any address (anonymized logs) is the canonical `0.0.0.0/0` or `::/0`. */
export function canonicalCidr(cidr: string): string {
  if (!/\/0+$/.test(cidr.trim())) return cidr;
  return cidr.includes(':') ? '::/0' : '0.0.0.0/0';
}

/** `InvalidGroup.NotFound: The security group 'sg-1' does not exist`. */
export function errorText(error: unknown): string {
  return `${awsErrorName(error)}: ${describeError(error)}`;
}

/** True when the SDK error's AWS name is one of `names`. */
export function isAwsError(error: unknown, names: readonly string[]): boolean {
  return names.includes(awsErrorName(error));
}

/**
 * The outcome of a failed call: `already-fixed` (with `gone` and the error
 * name) when the error says the target no longer exists, else `failed` with
 * what was being done, the error name and its message.
 *
 * @example
 * catch (error) { return fromError(error, `revoking ${id}`, GONE, `${id} no longer exists`); }
 */
export function fromError(error: unknown, doing: string, goneNames: readonly string[], gone: string): RemediationOutcome {
  if (isAwsError(error, goneNames)) return outcome.alreadyFixed(`${gone} (${awsErrorName(error)})`);
  return outcome.failed(`${doing}: ${errorText(error)}`);
}

/** An action body. */
type Apply = (plan: RemediationPlan, finding: Finding, context: ActionContext) => Promise<RemediationOutcome>;

/** `apply` that never throws: anything that escapes `body` becomes `failed` (with the action id). */
export function guarded(id: string, body: Apply): Apply {
  return async (plan, finding, context) => {
    try {
      return await body(plan, finding, context);
    } catch (error) {
      return outcome.failed(`${id}: ${errorText(error)}`);
    }
  };
}
