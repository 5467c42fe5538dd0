/**
 * The backfill tag: `audit-responder backfill` sends each old log object as
 * an SQS message shaped like an S3 event notification (so the deployed
 * `trigger: sqs` function reads it like live traffic), plus this tag, which
 * tells the function that it is replaying and how to notify:
 *
 * ```json
 * {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
 *   "s3":{"bucket":{"name":"org-trail"},"object":{"key":"AWSLogs/…json.gz","size":2048}}}],
 *  "auditResponderBackfill":{"id":"bf-…","notify":"digest","seq":0,"total":1200}}
 * ```
 *
 * After the object messages one more message with `"digest":true` and no
 * records asks for the backfill's summary (digest mode only).
 */
import { z } from 'zod';
import { isRecord } from '../lib/guards.js';

/** How a backfill notifies: not at all, one summary, or every finding as live. */
export const NOTIFY_MODES = ['none', 'digest', 'all'] as const;
export type NotifyMode = (typeof NOTIFY_MODES)[number];

/** The body key that carries the tag. */
export const BACKFILL_KEY = 'auditResponderBackfill';

const tagSchema = z.object({
  id: z.string().min(1).max(128),
  notify: z.enum(NOTIFY_MODES),
  /** Message number in the backfill, 0-based. */
  seq: z.number().int().nonnegative(),
  /** Object messages in the backfill. */
  total: z.number().int().nonnegative(),
  /** The summary request, sent after every object message. */
  digest: z.boolean().optional(),
});

/** The tag of one backfill message. */
export type BackfillTag = z.infer<typeof tagSchema>;

/** The tag of a parsed message body, if it has a valid one. */
export function backfillTagOf(body: unknown): BackfillTag | undefined {
  if (!isRecord(body)) return undefined;
  const parsed = tagSchema.safeParse(body[BACKFILL_KEY]);
  return parsed.success ? parsed.data : undefined;
}

/** Percent-encode a key the way S3 notifications do (`+` for a space). */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/** The body of one object message. */
export function backfillBody(ref: { bucket: string; key: string; size?: number }, tag: BackfillTag): string {
  const record = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    eventName: 'ObjectCreated:Put',
    s3: {
      s3SchemaVersion: '1.0',
      bucket: { name: ref.bucket, arn: `arn:aws:s3:::${ref.bucket}` },
      object: { key: encodeS3Key(ref.key), ...(ref.size !== undefined ? { size: ref.size } : {}) },
    },
  };
  return JSON.stringify({ Records: [record], [BACKFILL_KEY]: tag });
}
