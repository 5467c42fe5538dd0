/**
 * One Yandex REST call as the actions need it: never throws, and folds the
 * three ways a call fails (no answer, an HTTP error `{code, message}`, an
 * Operation that finished with `error`) into one {@link YandexFailure} whose
 * `reason` names the HTTP status and the API's message.
 */
import { describeError } from '../../errors.js';
import type { YandexApi } from '../action.js';
import { isRecord } from '../../lib/guards.js';

/** gRPC code the Yandex APIs use for a missing resource. */
const NOT_FOUND = 5;

/** A failed call. */
export interface YandexFailure {
  readonly ok: false;
  /** HTTP status; 0 when there was no answer. */
  readonly status: number;
  /** True for HTTP 404 or gRPC code 5 (NOT_FOUND): the target is gone. */
  readonly notFound: boolean;
  /** `HTTP 404 (code 5): Security group not found`. */
  readonly reason: string;
}

/** A successful call: the answer's JSON object (a resource or an Operation). */
export interface YandexSuccess {
  readonly ok: true;
  readonly body: Readonly<Record<string, unknown>>;
}

/** The result of {@link callYandex}. */
export type YandexResult = YandexSuccess | YandexFailure;


function failure(status: number, error: unknown): YandexFailure {
  const e = isRecord(error) ? error : {};
  const code = typeof e.code === 'number' ? e.code : undefined;
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : typeof error === 'string' && error !== '' ? error : 'no message';
  return {
    ok: false,
    status,
    notFound: status === 404 || code === NOT_FOUND,
    reason: `HTTP ${status}${code === undefined ? '' : ` (code ${code})`}: ${message}`,
  };
}

/**
 * Call `method` on `api` + `path` with a JSON body. A 2xx answer that is an
 * Operation with `error` counts as a failure (its HTTP status is kept).
 *
 * @example
 * const res = await callYandex(ctx.yandex, 'GET', 'vpc', `/vpc/v1/securityGroups/${id}`);
 * if (!res.ok) return res.notFound ? outcome.alreadyFixed('gone') : outcome.failed(res.reason);
 */
export async function callYandex(
  yandex: YandexApi,
  method: 'GET' | 'POST' | 'PATCH',
  api: string,
  path: string,
  body?: unknown,
): Promise<YandexResult> {
  let res: { status: number; body: unknown };
  try {
    res = await yandex.request(method, yandex.url(api, path), body);
  } catch (error) {
    return { ok: false, status: 0, notFound: false, reason: `no answer from ${api}: ${describeError(error)}` };
  }
  if (res.status < 200 || res.status > 299) return failure(res.status, res.body);
  const answer = isRecord(res.body) ? res.body : {};
  if (answer.error !== undefined) return failure(res.status, answer.error);
  return { ok: true, body: answer };
}

/**
 * ` (operation <id> still running)` when the answer is an Operation with
 * `done: false` (the API accepted the change and applies it asynchronously),
 * else `''`. Appended to the `done` reason so nobody reads it as finished.
 */
export function stillRunning(body: Readonly<Record<string, unknown>>): string {
  return body.done === false ? ` (operation ${operationId(body) ?? 'without id'} still running)` : '';
}

/** The id of an Operation answer, for the change log (`null` when the answer had none). */
export function operationId(body: Readonly<Record<string, unknown>>): string | null {
  return typeof body.id === 'string' ? body.id : null;
}
