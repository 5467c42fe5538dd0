/**
 * Remove the public statements a finding names from a Yandex Object Storage
 * bucket policy: the bucket's CURRENT policy is read and the evidence
 * statements (by `Sid`, else by canonical equality, `lib/policy-evidence.ts`)
 * that are still public by the rule's own predicate ({@link isPublicStatement}:
 * Allow, principal everyone, no condition restricting the callers) are
 * dropped; other public statements (other findings) and the document's other
 * keys are written back; none of them left is `already-fixed`. When no statement remains the policy is reset (a
 * masked field sent without a value)
 * (`PATCH /storage/v1/buckets/{name}`, docs: storage/api-ref/Bucket/update).
 */
import { parsePolicy } from '../rules/lib/aws-policy.js';
import { isPublicStatement } from '../rules/lib/yandex-policy.js';
import type { Finding, JsonValue, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { namedBy } from './lib/policy-evidence.js';
import { callYandex, operationId, stillRunning } from './lib/yandex-operation.js';
import { z } from 'zod';
import * as t from './lib/targets.js';

type Json = { readonly [key: string]: JsonValue };

function policyDocument(value: unknown): Json | undefined {
  let doc = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Json) : undefined;
}

/** Public by the same predicate as the rule `yandex-storage-policy-public`. */
function isPublic(raw: JsonValue): boolean {
  const [statement] = parsePolicy({ Statement: [raw] }) ?? [];
  return statement !== undefined && isPublicStatement(statement);
}

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const bucket = plan.target.bucket;
  if (typeof bucket !== 'string' || bucket === '') return outcome.skipped('the plan names no bucket');
  const path = `/storage/v1/buckets/${encodeURIComponent(bucket)}`;

  const read = await callYandex(context.yandex, 'GET', 'storage', path);
  if (!read.ok) return read.notFound ? outcome.alreadyFixed(`bucket ${bucket} no longer exists`) : outcome.failed(`reading the policy of ${bucket}: ${read.reason}`);
  const doc = policyDocument(read.body.policy);
  const field = doc?.Statement;
  const statements: readonly JsonValue[] = Array.isArray(field) ? field : field === undefined ? [] : [field];
  const named = namedBy(Array.isArray(plan.target.statements) ? plan.target.statements : []);
  const offending = (s: JsonValue) => named(s) && isPublic(s);
  const removed = statements.filter(offending);
  if (!doc || removed.length === 0) {
    const others = statements.filter(isPublic).length;
    if (others === 0) return outcome.alreadyFixed(`the policy of ${bucket} no longer allows everyone`);
    return outcome.alreadyFixed(`the public statements of this finding are no longer in the policy of ${bucket}; ${others} other public statement${others === 1 ? '' : 's'} left untouched (not this finding's evidence)`);
  }

  const kept = statements.filter((s) => !offending(s));
  const body = kept.length > 0 ? { updateMask: 'policy', policy: { ...doc, Statement: kept } } : { updateMask: 'policy' };
  const write = await callYandex(context.yandex, 'PATCH', 'storage', path, body);
  if (!write.ok) return write.notFound ? outcome.alreadyFixed(`bucket ${bucket} no longer exists`) : outcome.failed(`updating the policy of ${bucket}: ${write.reason}`);
  const what = `${removed.length} public statement${removed.length === 1 ? '' : 's'}`;
  const reason = kept.length > 0 ? `removed ${what} from the policy of ${bucket}` : `removed the policy of ${bucket} (${what}, nothing else)`;
  return outcome.done(`${reason}${stillRunning(write.body)}`, [
    { bucket, removedStatements: removed, policy: kept.length > 0 ? { ...doc, Statement: kept } : null, operationId: operationId(write.body) },
  ]);
}

/** `yandex-storage-remove-public-policy`: drop the public statements from the bucket policy. */
export const action: RemediationAction = {
  id: 'yandex-storage-remove-public-policy',
  cloud: 'yandex',
  permissions: ['storage.admin'],
  resources: ['the folder of the buckets'],
  target: t.target({ bucket: t.bucketName, statements: z.array(z.unknown()).min(1) }),
  description:
    'Removes the public statements the finding names (by Sid, else by content) from a Yandex Object Storage bucket policy; other statements are kept (the policy is reset when none remain).',
  apply,
};
