/**
 * AWS Lambda handler for S3 notifications delivered through SQS (the
 * scale-out shape). Reports partial batch failures: only messages whose
 * objects hit a transient failure come back.
 */
import type { SQSBatchResponse } from 'aws-lambda';
import { respondWithBackfill } from '../shared/pipeline/backfill-digest.js';
import { type InvocationContext, type Runtime, lazyRuntime, withDeadline } from '../shared/runtime.js';
import { refsFromSqsEvent } from '../shared/triggers/aws-sqs.js';

/** Build a handler over a runtime factory (tests pass their own). */
export function createHandler(getRuntime: () => Runtime | Promise<Runtime>) {
  return async (event: unknown, context?: InvocationContext): Promise<SQSBatchResponse> => {
    const rt = await getRuntime();
    const messages = refsFromSqsEvent(event);
    for (const bad of messages.filter((m) => m.error)) {
      rt.logger.log('error', 'message skipped', { messageId: bad.messageId, reason: bad.error });
    }
    // Live messages go through respond as before; backfill ones notify by their mode.
    const failed = await respondWithBackfill(messages, withDeadline(rt, context));
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

/** The Lambda entry point (configure the event source with `ReportBatchItemFailures`). */
export const handler = createHandler(lazyRuntime({ cloud: 'aws' }));
