/**
 * Yandex Cloud Functions handler for the silence alarm (dead-man switch),
 * run by a timer trigger (every 15 minutes by default: cron
 * `0/15 * ? * * *`). Alerts once when no log object arrived under a watched
 * prefix for `heartbeat.maxSilenceMinutes`, and once when objects arrive
 * again; reads Object Storage with the function's IAM token (or static
 * keys). Throws when a notification failed, so the next run alerts again.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { s3NewestObject } from '../shared/heartbeat/newest-object.js';
import { type HeartbeatReport, runHeartbeat } from '../shared/heartbeat/run.js';
import { type Runtime, lazyRuntime, withDeadline } from '../shared/runtime.js';
import type { YandexContext } from './yandex-storage.js';

let iamToken: string | undefined;

/** Build a handler over a runtime factory (tests pass their own). */
export function createHandler(getRuntime: () => Runtime | Promise<Runtime>) {
  return async (_event: unknown, context?: YandexContext): Promise<HeartbeatReport> => {
    iamToken = context?.token?.access_token ?? iamToken;
    const rt = withDeadline(await getRuntime(), context);
    const client = (rt.reader as { client?: S3Client }).client;
    return runHeartbeat(rt, 'yandex', client ? s3NewestObject(client) : undefined);
  };
}

/** The function entry point (`index.heartbeat` in the Yandex package). */
export const handler = createHandler(lazyRuntime({ cloud: 'yandex', bearerToken: () => iamToken }));
