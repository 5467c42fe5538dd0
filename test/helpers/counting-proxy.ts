/**
 * A loopback HTTP proxy in front of a test server (s3rver) that records
 * every request, so tests can count the LISTs and GETs a scan makes.
 * Headers pass unchanged, so SigV4 signatures still verify.
 *
 * s3rver 3.7 answers a `delimiter=/` listing only one level deep (its
 * filesystem walk skips the folders beneath a common prefix before it sees
 * their keys, so `audit/` lists no `audit/trail/`), and fails any truncated
 * ListObjectsV2 page. The proxy answers ListObjectsV2 itself, as S3 does,
 * from s3rver's anonymous v1 listing; GETs and the rest pass through.
 */
import { type IncomingMessage, type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

class UpstreamError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`upstream ${status}`);
  }
}

/** One recorded S3 request. */
export interface S3Call {
  readonly kind: 'list' | 'get' | 'other';
  /** Bucket-relative key (GET) or the listing prefix (LIST). */
  readonly target: string;
  readonly delimiter: boolean;
}

/** A running proxy. */
export interface CountingProxy {
  readonly endpoint: string;
  readonly calls: S3Call[];
  reset(): void;
  stop(): Promise<void>;
}

function classify(req: IncomingMessage): S3Call {
  const url = new URL(req.url ?? '/', 'http://x');
  const [, , ...rest] = url.pathname.split('/');
  const key = decodeURIComponent(rest.join('/'));
  if (req.method === 'GET' && url.searchParams.has('list-type')) {
    return { kind: 'list', target: url.searchParams.get('prefix') ?? '', delimiter: url.searchParams.has('delimiter') };
  }
  if (req.method === 'GET' && key) return { kind: 'get', target: key, delimiter: false };
  return { kind: 'other', target: key, delimiter: false };
}

/** Start a proxy on a free loopback port forwarding to `target` (`http://127.0.0.1:PORT`). */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const { hostname, port } = new URL(target);
  const calls: S3Call[] = [];
  const server: Server = createServer((req, res) => {
    const call = classify(req);
    calls.push(call);
    if (call.kind === 'list') {
      void listV2(hostname, port, req.url ?? '/').then(
        (xml) => {
          res.writeHead(200, { 'content-type': 'application/xml' });
          res.end(xml);
        },
        (error: unknown) => {
          // s3rver's own error (NoSuchBucket, ...) as it answered it.
          const upstream = error instanceof UpstreamError ? error : new UpstreamError(502, String(error));
          res.writeHead(upstream.status, { 'content-type': 'application/xml' });
          res.end(upstream.body);
        },
      );
      return;
    }
    const upstream = request({ hostname, port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    calls,
    reset: () => void calls.splice(0),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A ListObjectsV2 answer (delimiter, max-keys, continuation token) built from
 * s3rver's anonymous v1 listing of the prefix (at most 1000 keys: tests only).
 * s3rver 3.7 also fails with InternalError on any truncated v2 listing.
 */
async function listV2(hostname: string, port: string, path: string): Promise<string> {
  const url = new URL(path, 'http://x');
  const bucket = url.pathname.split('/')[1] ?? '';
  const prefix = url.searchParams.get('prefix') ?? '';
  const delimiter = url.searchParams.get('delimiter') ?? '';
  const maxKeys = Number(url.searchParams.get('max-keys') ?? 1000);
  const after = Buffer.from(url.searchParams.get('continuation-token') ?? '', 'base64url').toString();
  const body = await new Promise<string>((resolve, reject) => {
    request({ hostname, port, method: 'GET', path: `/${bucket}?${new URLSearchParams({ prefix })}` }, (up) => {
      let text = '';
      up.setEncoding('utf8');
      up.on('data', (c: string) => void (text += c));
      up.on('end', () => (up.statusCode === 200 ? resolve(text) : reject(new UpstreamError(up.statusCode ?? 502, text))));
    })
      .on('error', reject)
      .end();
  });
  // Entries in key order: objects as their XML, folders as common prefixes.
  const entries = new Map<string, string>();
  for (const m of body.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
    const key = /<Key>([\s\S]*?)<\/Key>/.exec(m[1] ?? '')?.[1] ?? '';
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (cut === -1) entries.set(key, `<Contents>${m[1]}</Contents>`);
    else {
      const folder = key.slice(0, cut + delimiter.length);
      entries.set(folder, `<CommonPrefixes><Prefix>${folder}</Prefix></CommonPrefixes>`);
    }
  }
  const names = [...entries.keys()].sort().filter((k) => k > after);
  const page = names.slice(0, maxKeys);
  const truncated = names.length > page.length;
  const token = truncated ? `<NextContinuationToken>${Buffer.from(page.at(-1) ?? '').toString('base64url')}</NextContinuationToken>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Name>${bucket}</Name><Prefix>${prefix}</Prefix>${delimiter ? `<Delimiter>${delimiter}</Delimiter>` : ''}<MaxKeys>${maxKeys}</MaxKeys>` +
    `<KeyCount>${page.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>${token}` +
    `${page.map((k) => entries.get(k)).join('')}</ListBucketResult>`
  );
}
