/**
 * A local HTTP server that answers like the Yandex Cloud REST APIs: every
 * call is recorded (method, path, headers, JSON body) and answered from a
 * per-test script keyed by `METHOD /path`. Writes answer with Operation
 * objects (`{id, done, response|error}`), errors with `{"code","message"}`
 * and an HTTP status, as the real APIs do. A call without a Bearer token
 * gets 401 (code 16); an unscripted call gets 501, so a test sees any request
 * it did not expect. Listens on 127.0.0.1 only.
 */
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../shared/log.js';
import type { ActionContext, AwsClients } from '../../shared/remediation/action.js';
import { YANDEX_API_HOSTS, createYandexApi } from '../../shared/remediation/lib/yandex-api.js';

/** The IAM token the tests hand to the API client. */
export const TEST_TOKEN = 't1.test-token';

/** One recorded call. */
export interface ApiCall {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body; `undefined` when there was none. */
  readonly body: unknown;
}

/** One scripted answer. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A running fake Yandex API. */
export interface FakeYandexApi {
  /** Every API name mapped to this server (pass as `hosts`). */
  readonly hosts: Readonly<Record<string, string>>;
  readonly calls: ApiCall[];
  /** Answer `METHOD /path` with these, in order; the last one repeats. */
  on(method: string, path: string, ...answers: ApiAnswer[]): void;
  /** An action context whose Yandex API talks to this server with {@link TEST_TOKEN}. */
  context(): ActionContext;
  stop(): Promise<void>;
}

/** HTTP 200 with a body (a resource, as `GET` returns it). */
export const ok = (body: unknown): ApiAnswer => ({ status: 200, body });

/** HTTP 200 with a finished Operation that succeeded. */
export const operationDone = (response: unknown = {}, id = 'enpop00000000000001'): ApiAnswer =>
  ok({ id, description: 'test operation', createdAt: '2026-10-01T12:05:00Z', done: true, response });

/** HTTP 200 with an Operation the API is still applying (`done: false`, as most writes first answer). */
export const operationRunning = (id = 'enpop00000000000003'): ApiAnswer =>
  ok({ id, description: 'test operation', createdAt: '2026-10-01T12:05:00Z', done: false, metadata: {} });

/** HTTP 200 with a finished Operation that failed (`error` is a google.rpc.Status). */
export const operationFailed = (code: number, message: string, id = 'enpop00000000000002'): ApiAnswer =>
  ok({ id, description: 'test operation', createdAt: '2026-10-01T12:05:00Z', done: true, error: { code, message, details: [] } });

/** An API error: HTTP status with `{code, message, details}` (gRPC code: 5 NOT_FOUND, 7 PERMISSION_DENIED, ...). */
export const apiError = (status: number, code: number, message: string): ApiAnswer => ({
  status,
  body: { code, message, details: [] },
});

/** The JSON body, the raw text when it is not JSON (the test then sees it), `undefined` when empty. */
function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const unused = (): Promise<never> => Promise.reject(new Error('Yandex actions use no AWS client'));
const NO_AWS: AwsClients = { ec2: unused, s3: unused, s3control: unused, iam: unused, rds: unused };

/** Start the fake API on 127.0.0.1 with an ephemeral port. */
export async function startFakeYandexApi(): Promise<FakeYandexApi> {
  const calls: ApiCall[] = [];
  const script = new Map<string, ApiAnswer[]>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    calls.push({ method, path, headers: req.headers, body: parseBody(text) });
    const queue = script.get(`${method} ${path}`);
    const answer = !/^Bearer \S+$/.test(req.headers.authorization ?? '')
      ? apiError(401, 16, 'The token is invalid')
      : ((queue && queue.length > 1 ? queue.shift() : queue?.[0]) ?? apiError(501, 12, `unscripted call ${method} ${path}`));
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const hosts = Object.fromEntries(Object.keys(YANDEX_API_HOSTS).map((name) => [name, base]));
  return {
    hosts,
    calls,
    on(method, path, ...answers) {
      script.set(`${method} ${path}`, [...answers]);
    },
    context: () => ({
      aws: NO_AWS,
      yandex: createYandexApi({ hosts, token: () => TEST_TOKEN, timeoutMs: 5_000 }),
      logger: silentLogger,
    }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
