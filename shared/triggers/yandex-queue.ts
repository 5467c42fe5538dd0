/**
 * Yandex Message Queue trigger → object refs per message. Yandex Message
 * Queue speaks the SQS API, so `audit-responder backfill --queue` sends the
 * same bodies to it as to SQS (S3-notification-shaped, with the backfill
 * tag); the trigger hands them to the function as:
 *
 * ```json
 * {"messages":[{"event_metadata":{"event_id":"…","event_type":"yandex.cloud.events.messagequeue.QueueMessage",
 *   "created_at":"2026-10-01T12:05:00.000Z","cloud_id":"b1g…","folder_id":"b1g…"},
 *   "details":{"queue_id":"yrn:yc:ymq:ru-central1:b1g…:audit-responder-backfill",
 *     "message":{"message_id":"…","md5_of_body":"…","body":"{\"Records\":[…]}",
 *       "attributes":{"SentTimestamp":"1791201930000"},"message_attributes":{},"md5_of_message_attributes":""}}}]}
 * ```
 */
import { z } from 'zod';
import { TriggerError } from '../errors.js';
import { describeZodError } from '../formats/common.js';
import { looseObject } from '../lib/zod.js';
import { type SqsMessageRefs, messageRefs } from './aws-sqs.js';

/** The event type of a Message Queue trigger message. */
export const QUEUE_MESSAGE_TYPE = 'yandex.cloud.events.messagequeue.QueueMessage';

const messageSchema = looseObject({
  event_metadata: looseObject({ event_type: z.literal(QUEUE_MESSAGE_TYPE) }),
  details: looseObject({
    queue_id: z.string().optional(),
    message: looseObject({ message_id: z.string().min(1), body: z.string() }),
  }),
});

const triggerSchema = looseObject({ messages: z.array(z.unknown()).min(1) });

/** True when the event looks like a Message Queue trigger call. */
export function isYandexQueueEvent(event: unknown): boolean {
  const first = (event as { messages?: unknown[] } | null)?.messages?.[0] as { event_metadata?: { event_type?: unknown } } | undefined;
  return first?.event_metadata?.event_type === QUEUE_MESSAGE_TYPE;
}

/**
 * Refs per queue message, in the SQS handler's shape (so the backfill
 * pipeline takes them as they are). A message whose body is unreadable, or
 * that is not a queue message, gets `error` and no refs.
 * @throws {TriggerError} when the event is not a trigger call
 */
export function refsFromYandexQueue(event: unknown): SqsMessageRefs[] {
  const parsed = triggerSchema.safeParse(event);
  if (!parsed.success) throw new TriggerError(`not a Message Queue trigger: ${describeZodError(parsed.error)}`);
  return parsed.data.messages.map((raw, index) => {
    const message = messageSchema.safeParse(raw);
    if (!message.success) {
      return { messageId: `#${index}`, refs: [], error: `Message Queue message #${index}: ${describeZodError(message.error)}` };
    }
    const { message_id, body } = message.data.details.message;
    return messageRefs(message_id, body, 'Message Queue');
  });
}
