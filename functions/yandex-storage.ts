/**
 * Yandex Cloud Functions handler for the Object Storage trigger on the
 * Audit Trails bucket. Reads objects with static keys when set, else with
 * the function service account's IAM token from the call context.
 */
import { respond } from '../shared/pipeline/respond.js';
import { failIfRetryable } from '../shared/pipeline/retry.js';
import { type Runtime, lazyRuntime, withDeadline } from '../shared/runtime.js';
import { refsFromYandexTrigger } from '../shared/triggers/yandex-storage.js';

/** The part of the Yandex call context we use. */
export interface YandexContext {
  readonly token?: { readonly access_token?: string };
  /** The invocation id: the owner of ledger claims. */
  readonly requestId?: string;
  getRemainingTimeInMillis?(): number;
}

let iamToken: string | undefined;

/** Build a handler over a runtime factory (tests pass their own). */
export function createHandler(getRuntime: () => Runtime | Promise<Runtime>) {
  return async (event: unknown, context?: YandexContext): Promise<{ statusCode: number }> => {
    iamToken = context?.token?.access_token ?? iamToken;
    const rt = await getRuntime();
    const refs = refsFromYandexTrigger(event);
    const report = await respond(refs, withDeadline(rt, context));
    failIfRetryable(report);
    return { statusCode: 200 };
  };
}

/** The function entry point (`yandex-storage.handler`). */
export const handler = createHandler(lazyRuntime({ cloud: 'yandex', bearerToken: () => iamToken }));
