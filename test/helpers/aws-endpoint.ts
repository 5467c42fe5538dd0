/**
 * A local HTTP server that answers like the AWS APIs the remediation actions
 * call, so the tests drive the real SDK clients. Query-API calls (EC2, IAM,
 * RDS: `POST /` with a form body `Action=...`) are keyed by their action
 * name; REST calls (S3, S3 Control) by `METHOD /path?query` (the SDK's
 * `x-id` query parameter is dropped). Every call is recorded with the
 * service and region it was signed for. Answers are scripted per test; an
 * unscripted call gets HTTP 501, so a test sees any request it did not
 * expect. Listens on 127.0.0.1 only.
 *
 * S3 Control puts the account id in front of the endpoint's host
 * (`111122223333.<host>`), which an IP address cannot take; its client
 * therefore uses `http://localhost:<port>` and an agent that resolves every
 * `*.localhost` name to 127.0.0.1 (the `host` header keeps the prefix, so a
 * test can check the account).
 */
import { Agent, type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import type { S3ControlClient } from '@aws-sdk/client-s3-control';
import { silentLogger } from '../../shared/log.js';
import type { ActionContext, AwsClients, YandexApi } from '../../shared/remediation/action.js';
import { createAwsClients } from '../../shared/remediation/lib/aws-clients.js';

/** One recorded call. */
export interface AwsCall {
  /** Service and region of the SigV4 credential scope (`ec2`, `eu-west-1`). */
  readonly service: string;
  readonly region: string;
  readonly method: string;
  /** Path and query, `x-id` removed: `/acme-media?acl`. */
  readonly path: string;
  /** The Query-API action (`RevokeSecurityGroupIngress`); `undefined` for REST. */
  readonly action: string | undefined;
  /** The form fields of a Query-API call, `Action` and `Version` left out. */
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** The raw request body ('' when none). */
  readonly body: string;
}

/** One scripted answer. */
export interface AwsAnswer {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
}

/** An answer built from the call it answers (so it can name the action); a promise holds the answer back (a slow or hung API). */
export type Reply = AwsAnswer | ((call: AwsCall) => AwsAnswer | Promise<AwsAnswer>);

/** A running fake AWS endpoint. */
export interface FakeAws {
  readonly endpoint: string;
  readonly calls: AwsCall[];
  /** Answer a Query action (`DeleteLoginProfile`) or REST call (`GET /b?acl`) with these, in order; the last repeats. */
  on(key: string, ...replies: Reply[]): void;
  /** Calls whose client closed the connection before the answer was sent (an aborted request). */
  readonly abandoned: AwsCall[];
  /** An action context whose AWS clients talk to this server (test credentials, one attempt). */
  context(): ActionContext;
  stop(): Promise<void>;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** EC2 success: `<{Action}Response>` with a request id and `inner` (default `<return>true</return>`). */
export const ec2Ok =
  (inner = '<return>true</return>'): Reply =>
  (call) => ({
    status: 200,
    contentType: 'text/xml',
    body: `<${call.action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId>${inner}</${call.action}Response>`,
  });

/** EC2 error (`InvalidGroup.NotFound`, ...): HTTP 400 with the `<Response><Errors>` document. */
export const ec2Error = (code: string, message: string, status = 400): AwsAnswer => ({
  status,
  contentType: 'text/xml',
  body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>req-1</RequestID></Response>`,
});

/** IAM/RDS success: `<{Action}Response><{Action}Result>inner</...>` with response metadata. */
export const queryOk =
  (inner = ''): Reply =>
  (call) => ({
    status: 200,
    contentType: 'text/xml',
    body: `<${call.action}Response><${call.action}Result>${inner}</${call.action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${call.action}Response>`,
  });

/** IAM/RDS error (`NoSuchEntity`, `AuthorizationNotFound`, ...): `<ErrorResponse>` with an HTTP status. */
export const queryError = (status: number, code: string, message: string): AwsAnswer => ({
  status,
  contentType: 'text/xml',
  body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`,
});

/** S3 / S3 Control success with an XML document. */
export const xmlOk = (xml: string): AwsAnswer => ({ status: 200, contentType: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?>${xml}` });

/** S3 success with a JSON document (`GetBucketPolicy`). */
export const jsonOk = (value: unknown): AwsAnswer => ({ status: 200, contentType: 'application/json', body: JSON.stringify(value) });

/** S3 success without a body (`PutBucketAcl` 200, `DeleteBucketPolicy` 204). */
export const empty = (status = 200): AwsAnswer => ({ status, body: '' });

/** S3 / S3 Control error (`NoSuchBucket`, `AccessDenied`, ...). */
export const s3Error = (status: number, code: string, message: string): AwsAnswer => ({
  status,
  contentType: 'application/xml',
  body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>req-1</RequestId></Error>`,
});

const unused = (): never => {
  throw new Error('AWS actions use no Yandex API');
};
const NO_YANDEX: YandexApi = { url: unused, request: () => Promise.reject(new Error('AWS actions use no Yandex API')) };

/** `Credential=test/20261001/eu-west-1/ec2/aws4_request` → region and service. */
function scope(headers: IncomingHttpHeaders): { region: string; service: string } {
  const match = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(headers.authorization ?? '');
  return { region: match?.[1] ?? '?', service: match?.[2] ?? '?' };
}

function parseCall(method: string, url: string, headers: IncomingHttpHeaders, body: string): AwsCall {
  const parsed = new URL(url, 'http://127.0.0.1');
  parsed.searchParams.delete('x-id');
  const query = [...parsed.searchParams].map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join('&');
  const path = `${decodeURIComponent(parsed.pathname)}${query ? `?${query}` : ''}`;
  const form = /x-www-form-urlencoded/.test(headers['content-type'] ?? '') ? new URLSearchParams(body) : undefined;
  const params = Object.fromEntries([...(form ?? [])].filter(([k]) => k !== 'Action' && k !== 'Version'));
  return { ...scope(headers), method, path, action: form?.get('Action') ?? undefined, params, headers, body };
}

const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** `localhost` and `*.localhost` resolve to 127.0.0.1; nothing else resolves (no test leaves loopback). */
const loopbackOnly: LookupFunction = (hostname, options, callback) => {
  if (hostname !== 'localhost' && !hostname.endsWith('.localhost')) {
    callback(Object.assign(new Error(`test lookup refuses ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
  } else if (options.all) {
    (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  } else {
    callback(null, '127.0.0.1', 4);
  }
};

/**
 * The real SDK clients of {@link createAwsClients} pointed at this server.
 * S3 Control is built with the same settings plus the loopback agent (see
 * the file comment): `createAwsClients` takes no request handler.
 */
function testClients(endpoint: string, port: number): AwsClients {
  const clients = createAwsClients({ endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  const httpAgent = new Agent({ lookup: loopbackOnly });
  const control = new Map<string, Promise<S3ControlClient>>();
  const makeControl = (region: string) =>
    import('@aws-sdk/client-s3-control').then(
      ({ S3ControlClient }) =>
        new S3ControlClient({ region, endpoint: `http://localhost:${port}`, credentials: TEST_CREDENTIALS, maxAttempts: 1, requestHandler: { httpAgent } }),
    );
  return {
    ...clients,
    s3control: (region) => {
      const client = control.get(region) ?? makeControl(region);
      control.set(region, client);
      return client;
    },
  };
}

/** Start the fake endpoint on 127.0.0.1 with an ephemeral port. */
export async function startFakeAws(): Promise<FakeAws> {
  const calls: AwsCall[] = [];
  const abandoned: AwsCall[] = [];
  const script = new Map<string, Reply[]>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const call = parseCall(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'));
    calls.push(call);
    res.on('close', () => {
      if (!res.writableFinished) abandoned.push(call);
    });
    const key = call.action ?? `${call.method} ${call.path}`;
    const queue = script.get(key);
    const reply = (queue && queue.length > 1 ? queue.shift() : queue?.[0]) ?? s3Error(501, 'NotImplemented', `unscripted call ${key}`);
    const answer = typeof reply === 'function' ? await reply(call) : reply;
    res.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    calls,
    abandoned,
    on(key, ...replies) {
      script.set(key, [...replies]);
    },
    context: () => ({
      aws: testClients(endpoint, port),
      yandex: NO_YANDEX,
      logger: silentLogger,
    }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
