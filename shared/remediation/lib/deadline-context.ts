/**
 * An {@link ActionContext} bound to one action's deadline: every SDK
 * `send` made through its clients gets the abort signal (merged with one
 * the action passes itself), and every Yandex request too. So an action
 * that hangs on a call is cut at its deadline, and the request is
 * abandoned rather than left to land after the outcome was reported.
 */
import type { ActionContext, AwsClients, YandexApi } from '../action.js';

interface Sender {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

function hasSend(value: unknown): value is Sender {
  return typeof value === 'object' && value !== null && typeof (value as { send?: unknown }).send === 'function';
}

/** `client` whose `send` carries `signal` (merged with one given per call). */
export function boundClient<T extends object>(client: T, signal: AbortSignal): T {
  if (!hasSend(client)) return client;
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key !== 'send') return Reflect.get(target, key, receiver) as unknown;
      return (command: unknown, options?: { abortSignal?: AbortSignal }) => {
        const own = options?.abortSignal;
        const abortSignal = own ? AbortSignal.any([signal, own]) : signal;
        return (target as Sender).send(command, { ...options, abortSignal });
      };
    },
  });
}

/** Every client factory of `aws` with its clients bound to `signal`. */
export function boundClients(aws: AwsClients, signal: AbortSignal): AwsClients {
  const bound: Record<string, unknown> = {};
  for (const [name, make] of Object.entries(aws) as [string, unknown][]) {
    bound[name] = typeof make === 'function' ? async (...args: unknown[]) => boundClient((await (make as (...a: unknown[]) => Promise<object>)(...args)), signal) : make;
  }
  return bound as unknown as AwsClients;
}

/** `yandex` whose requests carry `signal`. */
export function boundYandex(yandex: YandexApi, signal: AbortSignal): YandexApi {
  return {
    url: (api, path) => yandex.url(api, path),
    request: (method, url, body, options) => yandex.request(method, url, body, { signal: options?.signal ? AbortSignal.any([signal, options.signal]) : signal }),
  };
}

/** `context` for one action run, cut by `signal`. */
export function withDeadline(context: ActionContext, signal: AbortSignal): ActionContext {
  // Test doubles may leave a cloud out; what is absent stays absent.
  const aws = context.aws as AwsClients | undefined;
  const yandex = context.yandex as YandexApi | undefined;
  return { ...context, ...(aws ? { aws: boundClients(aws, signal) } : {}), ...(yandex ? { yandex: boundYandex(yandex, signal) } : {}), signal };
}
