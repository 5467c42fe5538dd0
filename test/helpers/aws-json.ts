/**
 * Answers for the AWS JSON-protocol APIs (CloudTrail, KMS, SQS, Secrets
 * Manager, ECR: `POST /` with an `X-Amz-Target` header) on the fake
 * endpoint of `aws-endpoint.ts`, which keys REST calls by `METHOD /path`:
 * {@link byTarget} dispatches the one `POST /` key on the target's
 * operation name, each with its own queue of replies (the last repeats).
 */
import type { AwsAnswer, AwsCall, Reply } from './aws-endpoint.js';

/** JSON success. */
export const awsJson = (value: unknown): AwsAnswer => ({ status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(value) });

/** JSON error with its `__type` (`TrailNotFoundException`). */
export const awsJsonError = (type: string, message: string, status = 400): AwsAnswer => ({
  status,
  contentType: 'application/x-amz-json-1.1',
  body: JSON.stringify({ __type: type, message }),
});

/** The operation of a JSON call: `CloudTrail_20131101.GetTrailStatus` → `GetTrailStatus`. */
export function operationOf(call: AwsCall): string {
  const target = call.headers['x-amz-target'];
  return (typeof target === 'string' ? target : '').split('.').pop() ?? '';
}

/** One reply function for `POST /` that answers per operation. */
export function byTarget(routes: Record<string, Reply | Reply[]>): Reply {
  const queues = new Map(Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  return (call) => {
    const op = operationOf(call);
    const queue = queues.get(op);
    const reply = (queue && queue.length > 1 ? queue.shift() : queue?.[0]) ?? awsJsonError('NotImplemented', `unscripted operation ${op}`, 501);
    return typeof reply === 'function' ? reply(call) : reply;
  };
}
