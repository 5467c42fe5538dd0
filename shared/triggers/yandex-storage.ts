/**
 * Yandex Cloud Object Storage trigger → object refs. One call may carry
 * several messages:
 *
 * ```json
 * {"messages":[{"event_metadata":{"event_id":"…","event_type":"yandex.cloud.events.storage.ObjectCreate",
 *   "created_at":"2026-10-01T12:05:00.000Z","cloud_id":"b1g…","folder_id":"b1g…"},
 *   "details":{"bucket_id":"audit-trail-logs","object_id":"trails/cnpabc/2026/10/01/120500123.json"}}]}
 * ```
 *
 * Delete events yield no refs. Object ids are used as they are (not URL-encoded).
 */
import { z } from 'zod';
import { looseObject } from '../lib/zod.js';
import { TriggerError } from '../errors.js';
import { describeZodError } from '../formats/common.js';
import type { ObjectRef } from '../io/object-ref.js';

const messageSchema = looseObject({
  event_metadata: looseObject({ event_type: z.string().optional() }).optional(),
  details: looseObject({ bucket_id: z.string().min(1), object_id: z.string().min(1) }),
});

const triggerSchema = looseObject({ messages: z.array(z.unknown()) });

/** True when the event looks like a Yandex trigger call. */
export function isYandexTrigger(event: unknown): boolean {
  return Array.isArray((event as { messages?: unknown } | null)?.messages);
}

/**
 * Object refs of the create/update messages.
 * @throws {TriggerError} naming the message index when one is malformed
 */
export function refsFromYandexTrigger(event: unknown): ObjectRef[] {
  const parsed = triggerSchema.safeParse(event);
  if (!parsed.success) throw new TriggerError(`not an Object Storage trigger: ${describeZodError(parsed.error)}`);
  const refs: ObjectRef[] = [];
  parsed.data.messages.forEach((raw, index) => {
    const message = messageSchema.safeParse(raw);
    if (!message.success) {
      throw new TriggerError(`trigger message #${index}: ${describeZodError(message.error)}`);
    }
    const type = message.data.event_metadata?.event_type ?? '';
    if (/ObjectDelete$/.test(type)) return;
    refs.push({ bucket: message.data.details.bucket_id, key: message.data.details.object_id });
  });
  return refs;
}
