/**
 * Turn off the anonymous access flags a finding names (`read`, `list`,
 * `configRead`) on a Yandex Object Storage bucket. The bucket is read first;
 * the flags the finding does not name are written back as they are, because
 * a masked `anonymousAccessFlags` replaces all three
 * (`PATCH /storage/v1/buckets/{name}`, docs: storage/api-ref/Bucket/update).
 */
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { callYandex, operationId, stillRunning } from './lib/yandex-operation.js';
import { z } from 'zod';
import * as t from './lib/targets.js';

const FLAGS = ['read', 'list', 'configRead'] as const;
type Flag = (typeof FLAGS)[number];

function isOn(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const bucket = plan.target.bucket;
  const wanted = Array.isArray(plan.target.flags) ? FLAGS.filter((f) => (plan.target.flags as readonly unknown[]).includes(f)) : [];
  if (typeof bucket !== 'string' || bucket === '') return outcome.skipped('the plan names no bucket');
  if (wanted.length === 0) return outcome.skipped(`the plan names no anonymous access flag of ${bucket}`);
  const path = `/storage/v1/buckets/${encodeURIComponent(bucket)}`;

  const read = await callYandex(context.yandex, 'GET', 'storage', path);
  if (!read.ok) return read.notFound ? outcome.alreadyFixed(`bucket ${bucket} no longer exists`) : outcome.failed(`reading bucket ${bucket}: ${read.reason}`);
  const raw = read.body.anonymousAccessFlags;
  const current = (raw !== null && typeof raw === 'object' ? raw : {}) as Partial<Record<Flag, unknown>>;
  const before = Object.fromEntries(FLAGS.map((f) => [f, isOn(current[f])])) as Record<Flag, boolean>;
  const turnOff = wanted.filter((f) => before[f]);
  if (turnOff.length === 0) return outcome.alreadyFixed(`anonymous ${wanted.join('/')} access is already off on ${bucket}`);

  const after = Object.fromEntries(FLAGS.map((f) => [f, before[f] && !turnOff.includes(f)])) as Record<Flag, boolean>;
  const write = await callYandex(context.yandex, 'PATCH', 'storage', path, { updateMask: 'anonymousAccessFlags', anonymousAccessFlags: after });
  if (!write.ok) return write.notFound ? outcome.alreadyFixed(`bucket ${bucket} no longer exists`) : outcome.failed(`updating bucket ${bucket}: ${write.reason}`);
  return outcome.done(`turned anonymous ${turnOff.join('/')} access off on ${bucket}${stillRunning(write.body)}`, [
    { bucket, anonymousAccessFlags: { before, after }, operationId: operationId(write.body) },
  ]);
}

/** `yandex-storage-make-private`: turn off the finding's anonymous access flags on the bucket. */
export const action: RemediationAction = {
  id: 'yandex-storage-make-private',
  cloud: 'yandex',
  permissions: ['storage.admin'],
  resources: ['the folder of the buckets (storage.admin cannot be bound on a bucket that does not exist yet)'],
  target: t.target({ bucket: t.bucketName, flags: z.array(z.string()) }),
  description: 'Turns off the anonymous read/list/config-read access the finding names on a Yandex Object Storage bucket; other flags are kept.',
  apply,
};
