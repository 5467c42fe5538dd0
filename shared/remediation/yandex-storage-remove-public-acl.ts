/**
 * Remove the public grants a finding names (all users / all authenticated
 * users, with that permission) from a Yandex Object Storage bucket ACL and
 * write the other grants back unchanged. The ACL is read with
 * `view=VIEW_ACL` (the default view leaves `acl` out); the API spells grant
 * types `GRANT_TYPE_ALL_USERS` where the audit log has `ALL_USERS`
 * (`PATCH /storage/v1/buckets/{name}`, docs: storage/api-ref/Bucket/update).
 */
import type { Finding, JsonValue, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { callYandex, operationId, stillRunning } from './lib/yandex-operation.js';
import { z } from 'zod';
import * as t from './lib/targets.js';

const PUBLIC_TYPES = new Set(['ALL_USERS', 'ALL_AUTHENTICATED_USERS']);

type Json = { readonly [key: string]: JsonValue };
const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown, prefix: RegExp): string => (typeof value === 'string' ? value.replace(prefix, '').toUpperCase() : '');
const typeOf = (grant: Json): string => text(grant.grantType, /^GRANT_TYPE_/i);
const permissionOf = (grant: Json): string => text(grant.permission, /^PERMISSION_/i);

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const bucket = plan.target.bucket;
  const wanted = (Array.isArray(plan.target.grants) ? plan.target.grants : []).map(asObject).filter((g) => PUBLIC_TYPES.has(typeOf(g)));
  if (typeof bucket !== 'string' || bucket === '') return outcome.skipped('the plan names no bucket');
  if (wanted.length === 0) return outcome.skipped(`the plan names no public grant of ${bucket}`);
  const path = `/storage/v1/buckets/${encodeURIComponent(bucket)}`;

  const read = await callYandex(context.yandex, 'GET', 'storage', `${path}?view=VIEW_ACL`);
  if (!read.ok) return read.notFound ? outcome.alreadyFixed(`bucket ${bucket} no longer exists`) : outcome.failed(`reading the ACL of ${bucket}: ${read.reason}`);
  const acl = asObject(read.body.acl);
  const grants = (Array.isArray(acl.grants) ? acl.grants : []).map(asObject);
  // A plan permission of UNKNOWN (a grant logged without one) matches any permission of that grantee type.
  const isEvidence = (g: Json) =>
    PUBLIC_TYPES.has(typeOf(g)) &&
    wanted.some((w) => typeOf(w) === typeOf(g) && (permissionOf(w) === 'UNKNOWN' || permissionOf(w) === permissionOf(g)));
  const removed = grants.filter(isEvidence);
  if (removed.length === 0) return outcome.alreadyFixed(`the ACL of ${bucket} no longer grants ${describe(wanted)}`);

  const kept = grants.filter((g) => !isEvidence(g));
  const write = await callYandex(context.yandex, 'PATCH', 'storage', path, { updateMask: 'acl', acl: { ...acl, grants: kept } });
  if (!write.ok) return write.notFound ? outcome.alreadyFixed(`bucket ${bucket} no longer exists`) : outcome.failed(`updating the ACL of ${bucket}: ${write.reason}`);
  return outcome.done(`removed ${describe(removed)} from the ACL of ${bucket}${stillRunning(write.body)}`, [
    { bucket, removedGrants: removed, keptGrants: kept, operationId: operationId(write.body) },
  ]);
}

function describe(grants: readonly Json[]): string {
  return grants.map((g) => `${permissionOf(g)} to ${typeOf(g)}`).join(', ');
}

/** `yandex-storage-remove-public-acl`: drop the finding's public grants from the bucket ACL. */
export const action: RemediationAction = {
  id: 'yandex-storage-remove-public-acl',
  cloud: 'yandex',
  permissions: ['storage.admin'],
  resources: ['the folder of the buckets'],
  target: t.target({ bucket: t.bucketName, grants: z.array(z.unknown()) }),
  description: 'Removes the grants to all users / all authenticated users that the finding names from a Yandex Object Storage bucket ACL; other grants are kept.',
  apply,
};
