/**
 * AWS S3 `ObjectCreated` notifications → object refs.
 *
 * ```json
 * {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
 *   "s3":{"bucket":{"name":"org-trail"},
 *         "object":{"key":"AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T1205Z_a1B2.json.gz","size":2048}}}]}
 * ```
 *
 * Keys arrive URL-encoded with `+` for spaces. Other event names (deletes,
 * restores) and the `s3:TestEvent` that S3 sends on setup yield no refs.
 */
import { z } from 'zod';
import { looseObject } from '../lib/zod.js';
import { TriggerError } from '../errors.js';
import { describeZodError } from '../formats/common.js';
import type { ObjectRef } from '../io/object-ref.js';

const s3RecordSchema = looseObject({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  s3: looseObject({
    bucket: looseObject({ name: z.string().min(1) }),
    object: looseObject({ key: z.string().min(1), size: z.number().optional() }),
  }),
});

/** An S3 notification (also the body of an SQS message or SNS envelope). */
export const s3EventSchema = looseObject({ Records: z.array(z.unknown()) });

/** Decode an S3 notification key: `+` is a space, the rest is percent-encoding. */
export function decodeS3Key(key: string): string {
  const spaced = key.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** True for the `s3:TestEvent` S3 sends when a notification is configured. */
export function isS3TestEvent(value: unknown): boolean {
  return (value as { Event?: unknown } | null)?.Event === 's3:TestEvent';
}

/**
 * Object refs of the `ObjectCreated:*` records in an S3 notification.
 * @throws {TriggerError} when a record is not an S3 notification record
 */
export function refsFromS3Event(event: unknown): ObjectRef[] {
  if (isS3TestEvent(event)) return [];
  const parsed = s3EventSchema.safeParse(event);
  if (!parsed.success) throw new TriggerError(`not an S3 notification: ${describeZodError(parsed.error)}`);
  const refs: ObjectRef[] = [];
  parsed.data.Records.forEach((raw, index) => {
    const record = s3RecordSchema.safeParse(raw);
    if (!record.success) {
      throw new TriggerError(`S3 notification record #${index}: ${describeZodError(record.error)}`);
    }
    const { eventName, s3 } = record.data;
    if (!eventName.startsWith('ObjectCreated:')) return;
    refs.push({
      bucket: s3.bucket.name,
      key: decodeS3Key(s3.object.key),
      ...(s3.object.size !== undefined ? { size: s3.object.size } : {}),
    });
  });
  return refs;
}
