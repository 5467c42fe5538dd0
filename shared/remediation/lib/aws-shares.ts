/**
 * Shared by the snapshot / AMI unshare actions: the share values a plan
 * names (`all` and account ids) and their intersection with what the
 * resource currently shares.
 */
import type { RemediationPlan } from '../../types.js';
import { targetList } from './aws-common.js';

/** The plan's `values`, as strings. */
export function planValues(plan: RemediationPlan): string[] {
  return targetList(plan, 'values').filter((v): v is string => typeof v === 'string' && v !== '');
}

/** EC2 permission entries (`{Group:'all'}` / `{UserId}`) for values that are still present. */
export function ec2Entries(values: readonly string[], current: readonly { Group?: string; UserId?: string }[]): { Group?: 'all'; UserId?: string }[] {
  const present = new Set(current.map((p) => (p.Group ? p.Group.toLowerCase() : p.UserId)).filter(Boolean));
  return values.filter((v) => present.has(v.toLowerCase() === 'all' ? 'all' : v)).map((v) => (v.toLowerCase() === 'all' ? { Group: 'all' as const } : { UserId: v }));
}
