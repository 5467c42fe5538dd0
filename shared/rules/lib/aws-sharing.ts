/**
 * Sharing lists of EC2 snapshot/AMI attributes and RDS snapshot `restore`
 * attributes: who a share opens the resource to. `all` is everyone; a
 * 12-digit id outside `ownAccounts` (the record's own account always
 * counts as own) is an outsider; anything else (organization ARNs, own
 * accounts, malformed ids) is not reported.
 *
 * ```json
 * {"snapshotId":"snap-0a1b","attributeType":"CREATE_VOLUME_PERMISSION",
 *  "createVolumePermission":{"add":{"items":[{"group":"all"},{"userId":"444455556666"}]}}}
 * ```
 */
import { asRecord } from '../../lib/guards.js';
import type { JsonValue } from '../../types.js';
import { scalarText } from './scalars.js';

/** Who a share was given to. */
export interface Shares {
  readonly everyone: boolean;
  readonly outsiders: readonly string[];
}

/** Classify share targets: `all` (any case) and 12-digit account ids not in `own`. */
export function classifyShares(targets: readonly string[], own: ReadonlySet<string>): Shares {
  const everyone = targets.some((t) => t.trim().toLowerCase() === 'all');
  const outsiders = [...new Set(targets.map((t) => t.trim()).filter((t) => /^\d{12}$/.test(t) && !own.has(t)))];
  return { everyone, outsiders };
}

/** The `add.items` of an EC2 permission attribute (`createVolumePermission`, `launchPermission`) as targets. */
export function addedPermissionTargets(permission: unknown): string[] {
  const items = asRecord(asRecord(permission).add).items;
  const list = Array.isArray(items) ? items : [];
  return list
    .map(asRecord)
    .map((i) => scalarText(i.group) ?? scalarText(i.userId))
    .filter((t): t is string => t !== undefined);
}

/** True when something is shared out. */
export function isShared(shares: Shares): boolean {
  return shares.everyone || shares.outsiders.length > 0;
}

/** `everyone and 444455556666`. */
export function describeShares(shares: Shares): string {
  return [...(shares.everyone ? ['everyone (group all)'] : []), ...shares.outsiders.map((a) => `account ${a}`)].join(' and ');
}

/** The exact values to remove (`all` and the outside ids) for plans. */
export function shareValues(shares: Shares, allValue = 'all'): JsonValue[] {
  return [...(shares.everyone ? [allValue] : []), ...shares.outsiders];
}
