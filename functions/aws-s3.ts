/**
 * AWS Lambda handler for S3 `ObjectCreated` notifications of the CloudTrail
 * bucket. Throws at the end when something transient failed, so Lambda
 * retries the invocation; everything else was processed first.
 */
import { respond } from '../shared/pipeline/respond.js';
import { failIfRetryable } from '../shared/pipeline/retry.js';
import { type InvocationContext, type Runtime, lazyRuntime, withDeadline } from '../shared/runtime.js';
import { refsFromS3Event } from '../shared/triggers/aws-s3.js';

/** Build a handler over a runtime factory (tests pass their own). */
export function createHandler(getRuntime: () => Runtime | Promise<Runtime>) {
  return async (event: unknown, context?: InvocationContext): Promise<void> => {
    const rt = await getRuntime();
    const refs = refsFromS3Event(event);
    const report = await respond(refs, withDeadline(rt, context));
    failIfRetryable(report);
  };
}

/** The Lambda entry point. */
export const handler = createHandler(lazyRuntime({ cloud: 'aws' }));
