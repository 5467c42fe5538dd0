/**
 * Yandex Cloud Functions handler for the Message Queue trigger: the Yandex
 * side of `audit-responder backfill --queue` (and of any queue fed with S3
 * notifications). Messages are processed like the SQS handler's (backfill
 * tags, digest mode, the ledger keeping alerts exactly-once); a Message
 * Queue trigger has no partial batch failures, so when any message must be
 * retried the call fails and the queue delivers the batch again — the
 * ledger keeps the messages already done from alerting twice.
 */
import { respondWithBackfill } from '../shared/pipeline/backfill-digest.js';
import { RetryableBatchError } from '../shared/pipeline/retry.js';
import { type Runtime, lazyRuntime, withDeadline } from '../shared/runtime.js';
import { refsFromYandexQueue } from '../shared/triggers/yandex-queue.js';
import type { YandexContext } from './yandex-storage.js';

let iamToken: string | undefined;

/** Build a handler over a runtime factory (tests pass their own). */
export function createHandler(getRuntime: () => Runtime | Promise<Runtime>) {
  return async (event: unknown, context?: YandexContext): Promise<{ statusCode: number }> => {
    iamToken = context?.token?.access_token ?? iamToken;
    const rt = await getRuntime();
    const messages = refsFromYandexQueue(event);
    for (const bad of messages.filter((m) => m.error)) {
      rt.logger.log('error', 'message skipped', { messageId: bad.messageId, reason: bad.error });
    }
    const failed = await respondWithBackfill(messages, withDeadline(rt, context));
    if (failed.length > 0) throw new RetryableBatchError(failed.map((id) => `Message Queue message ${id} must be processed again`));
    return { statusCode: 200 };
  };
}

/** The function entry point (`index.queue` in the Yandex package). */
export const handler = createHandler(lazyRuntime({ cloud: 'yandex', bearerToken: () => iamToken }));
