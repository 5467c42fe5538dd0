/**
 * SQS messages carrying S3 notifications → object refs per message, so a
 * failed object can be reported back as a partial batch failure.
 *
 * A message body is an S3 notification, an SNS envelope around one
 * (`{"Type":"Notification","Message":"{…}"}`), or CloudTrail's own SNS
 * notification (`{"s3Bucket":"…","s3ObjectKey":["…"]}`).
 */
import { z } from 'zod';
import { looseObject } from '../lib/zod.js';
import { TriggerError, describeError } from '../errors.js';
import { describeZodError } from '../formats/common.js';
import { isRecord } from '../lib/guards.js';
import type { ObjectRef } from '../io/object-ref.js';
import { refsFromS3Event } from './aws-s3.js';
import { type BackfillTag, backfillTagOf } from './backfill-tag.js';

const sqsEventSchema = looseObject({
  Records: z.array(
    looseObject({
      messageId: z.string().min(1),
      body: z.string(),
      eventSource: z.literal('aws:sqs'),
    }),
  ),
});

/** The refs of one SQS message, or why its body could not be read. */
export interface SqsMessageRefs {
  readonly messageId: string;
  readonly refs: readonly ObjectRef[];
  readonly error?: string;
  /** Set on messages sent by `audit-responder backfill` (see `./backfill-tag.ts`). */
  readonly backfill?: BackfillTag;
}

/** True when the event looks like an SQS batch. */
export function isSqsEvent(event: unknown): boolean {
  const first = (event as { Records?: unknown[] } | null)?.Records?.[0];
  return (first as { eventSource?: unknown } | undefined)?.eventSource === 'aws:sqs';
}

/**
 * Refs per SQS message. A message whose body is unreadable gets `error` and
 * no refs (it is not retried: it would fail the same way).
 * @throws {TriggerError} when the event is not an SQS batch
 */
export function refsFromSqsEvent(event: unknown): SqsMessageRefs[] {
  const parsed = sqsEventSchema.safeParse(event);
  if (!parsed.success) throw new TriggerError(`not an SQS event: ${describeZodError(parsed.error)}`);
  return parsed.data.Records.map(({ messageId, body }) => messageRefs(messageId, body, 'SQS'));
}

/**
 * The refs (and backfill tag) of one queue message body: an S3 notification,
 * an SNS envelope around one, or CloudTrail's SNS notification. Shared by the
 * SQS and Yandex Message Queue triggers; a body that cannot be read gets
 * `error` (named after `queue` and the message id) and no refs.
 */
export function messageRefs(messageId: string, body: string, queue: string): SqsMessageRefs {
  try {
    const parsed: unknown = JSON.parse(body);
    const backfill = backfillTagOf(parsed);
    return { messageId, refs: refsFromBody(parsed), ...(backfill ? { backfill } : {}) };
  } catch (error) {
    return { messageId, refs: [], error: `${queue} message ${messageId}: ${describeError(error)}` };
  }
}

function refsFromBody(body: unknown): ObjectRef[] {
  if (!isRecord(body)) throw new TriggerError('message body is not a JSON object');
  if (body.Type === 'Notification' && typeof body.Message === 'string') {
    return refsFromBody(JSON.parse(body.Message));
  }
  if (typeof body.s3Bucket === 'string' && Array.isArray(body.s3ObjectKey)) {
    const bucket = body.s3Bucket;
    return body.s3ObjectKey.filter((k): k is string => typeof k === 'string').map((key) => ({ bucket, key }));
  }
  return refsFromS3Event(body);
}
