/**
 * The IAM principal (user, role or group) an IAM remediation plan names as
 * `{principalType, principalName}`.
 */
import type { RemediationPlan } from '../../types.js';
import { targetText } from './aws-common.js';

/** The principal kinds IAM policies attach to. */
export const PRINCIPAL_KINDS = ['user', 'role', 'group'] as const;
/** `user`, `role` or `group`. */
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** The plan's principal, or a reason why it names none. */
export function planPrincipal(plan: RemediationPlan): { kind: PrincipalKind; name: string } | string {
  const kind = targetText(plan, 'principalType');
  const name = targetText(plan, 'principalName');
  if (!name) return 'the plan names no principal';
  const known = PRINCIPAL_KINDS.find((k) => k === kind);
  return known ? { kind: known, name } : `unknown principal type "${kind ?? ''}" (expected user, role or group)`;
}
