/**
 * AWS Lambda handler for the silence alarm (dead-man switch), run by an
 * EventBridge `schedule` event (every 15 minutes by default; deployed only
 * when `deploy.heartbeat` is `on`). Alerts once when no log object arrived
 * under a watched prefix for `heartbeat.maxSilenceMinutes`, and once when
 * objects arrive again. Throws when a notification failed, so it is retried.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { s3NewestObject } from '../shared/heartbeat/newest-object.js';
import { type HeartbeatReport, runHeartbeat } from '../shared/heartbeat/run.js';
import { type Runtime, lazyRuntime, withDeadline } from '../shared/runtime.js';

/** Build a handler over a runtime factory (tests pass their own). */
export function createHandler(getRuntime: () => Runtime | Promise<Runtime>) {
  return async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<HeartbeatReport> => {
    const rt = withDeadline(await getRuntime(), context);
    const client = (rt.reader as { client?: S3Client }).client;
    return runHeartbeat(rt, 'aws', client ? s3NewestObject(client) : undefined);
  };
}

/** The Lambda entry point. */
export const handler = createHandler(lazyRuntime({ cloud: 'aws' }));
