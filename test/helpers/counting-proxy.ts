/**
 * A loopback HTTP proxy in front of a test server (s3rver) that records
 * every request, so tests can count the LISTs and GETs a scan makes.
 * Headers pass unchanged, so SigV4 signatures still verify.
 *
 * s3rver 3.7 answers a `delimiter=/` listing only one level deep (its
 * filesystem walk skips the folders beneath a common prefix before it sees
 * their keys, so `audit/` lists no `audit/trail/`). The proxy answers those
 * listings itself, as S3 does, from an anonymous listing without delimiter.
 */
import { type IncomingMessage, type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

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
    if (call.kind === 'list' && call.delimiter) {
      void delimited(hostname, port, req.url ?? '/').then(
        (xml) => {
          res.writeHead(200, { 'content-type': 'application/xml' });
          res.end(xml);
        },
        () => {
          res.writeHead(502);
          res.end();
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

/** A one-level `delimiter=/` listing built from the full listing under the prefix. */
async function delimited(hostname: string, port: string, path: string): Promise<string> {
  const url = new URL(path, 'http://x');
  const bucket = url.pathname.split('/')[1] ?? '';
  const prefix = url.searchParams.get('prefix') ?? '';
  const full = new URLSearchParams({ 'list-type': '2', prefix, 'max-keys': '100000' });
  const body = await new Promise<string>((resolve, reject) => {
    request({ hostname, port, method: 'GET', path: `/${bucket}?${full}` }, (up) => {
      let text = '';
      up.setEncoding('utf8');
      up.on('data', (c: string) => void (text += c));
      up.on('end', () => (up.statusCode === 200 ? resolve(text) : reject(new Error(text))));
    })
      .on('error', reject)
      .end();
  });
  const folders = new Set<string>();
  const objects: string[] = [];
  for (const m of body.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
    const key = /<Key>([\s\S]*?)<\/Key>/.exec(m[1] ?? '')?.[1] ?? '';
    const rest = key.slice(prefix.length);
    const cut = rest.indexOf('/');
    if (cut === -1) objects.push(`<Contents>${m[1]}</Contents>`);
    else folders.add(`${prefix}${rest.slice(0, cut + 1)}`);
  }
  const prefixes = [...folders].sort().map((p) => `<CommonPrefixes><Prefix>${p}</Prefix></CommonPrefixes>`);
  return (
    '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Name>${bucket}</Name><Prefix>${prefix}</Prefix><Delimiter>/</Delimiter><MaxKeys>1000</MaxKeys>` +
    `<KeyCount>${objects.length + prefixes.length}</KeyCount><IsTruncated>false</IsTruncated>` +
    `${objects.join('')}${prefixes.join('')}</ListBucketResult>`
  );
}
