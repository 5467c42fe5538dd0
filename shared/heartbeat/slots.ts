/**
 * Time slots of the silence alarm. The object handler marks the 5-minute
 * slot in which an object under a watched prefix arrived (one conditional
 * ledger write per object: `claim`, a no-op when the slot is already
 * marked); the scheduled check looks for any marked slot within
 * `maxSilenceMinutes`. Audit logs arrive about every 5 minutes (CloudTrail
 * and Yandex Audit Trails alike), so a slot is the natural grain.
 */

/** Slot length in milliseconds. */
export const SLOT_MS = 5 * 60_000;

/** The start of the slot holding `time` (epoch ms). */
export function slotStart(time: number): number {
  return Math.floor(time / SLOT_MS) * SLOT_MS;
}

/** Ledger key of the arrival marker of `prefix` in the slot starting at `start`. */
export function seenKey(prefix: string, start: number): string {
  return `heartbeat:seen:${prefix}:${new Date(start).toISOString()}`;
}

/** Ledger key of the "this prefix is silent, we alerted" marker. */
export function silentKey(prefix: string): string {
  return `heartbeat:silent:${prefix}`;
}

/** Slot starts from `now` back over `minutes`, newest first. */
export function slotsWithin(now: number, minutes: number): number[] {
  const out: number[] = [];
  const oldest = now - minutes * 60_000;
  for (let start = slotStart(now); start + SLOT_MS > oldest; start -= SLOT_MS) out.push(start);
  return out;
}

/** The watched prefixes (`bucket/prefix`) an object falls under. */
export function prefixesOf(bucket: string, key: string, prefixes: readonly string[]): string[] {
  const path = `${bucket}/${key}`;
  return prefixes.filter((p) => path.startsWith(p));
}
