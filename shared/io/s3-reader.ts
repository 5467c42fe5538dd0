/**
 * Reads log objects with `@aws-sdk/client-s3`: one reader for AWS S3 and for
 * Yandex Object Storage (S3 protocol, endpoint from config). The body is
 * streamed and cut off at the size cap. With a Yandex function's IAM token,
 * requests carry `Authorization: Bearer` instead of a SigV4 signature.
 *
 * Every read has deadlines: to connect, for the first byte, and for each
 * next chunk while streaming (a stalled server), plus the caller's signal
 * for the object's share of the invocation. A read that stops mid-body ends
 * the stream cleanly and reports a {@link ReadInterruptedError}, so the
 * records before the cut are still evaluated.
 */
import { tooLargeMessage } from '../lib/too-large.js';
import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { ObjectReadError, describeError } from '../errors.js';
import { type ObjectReader, type ObjectRef, type ObjectStream, type OpenOptions, capped } from './object-ref.js';
import { ReadInterruptedError } from './read-interrupted.js';

/** The read deadlines of {@link createS3Reader}, in milliseconds. */
export interface S3ReadTimeouts {
  /** To open the TCP (and TLS) connection. @default 3000 */
  readonly connectMs: number;
  /** From sending the request to the response headers. @default 10000 */
  readonly firstByteMs: number;
  /** Longest gap between two body chunks. @default 5000 */
  readonly stallMs: number;
}

/** The defaults of {@link S3ReadTimeouts}. */
export const DEFAULT_S3_READ_TIMEOUTS: S3ReadTimeouts = { connectMs: 3_000, firstByteMs: 10_000, stallMs: 5_000 };

/** Options of {@link createS3Reader}. */
export interface S3ReaderOptions {
  readonly endpoint?: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** Largest object read, in bytes (stored size). */
  readonly maxObjectBytes: number;
  /** Yandex Cloud Functions: the service account's IAM token, used instead of keys. */
  readonly bearerToken?: () => string | undefined;
  /** Extra client settings (tests pass static credentials). */
  readonly client?: Partial<S3ClientConfig>;
  /** Read deadlines. @default {@link DEFAULT_S3_READ_TIMEOUTS} */
  readonly timeouts?: Partial<S3ReadTimeouts>;
}

/** An {@link ObjectReader} over an S3 client. */
export function createS3Reader(options: S3ReaderOptions): ObjectReader & { client: S3Client } {
  const timeouts = { ...DEFAULT_S3_READ_TIMEOUTS, ...options.timeouts };
  const client = new S3Client({
    requestHandler: { connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.firstByteMs },
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.bearerToken ? { credentials: { accessKeyId: 'iam-token', secretAccessKey: 'iam-token' } } : {}),
    ...options.client,
  });
  if (options.bearerToken) useBearerToken(client, options.bearerToken);
  return {
    client,
    async open(ref: ObjectRef, openOptions: OpenOptions = {}): Promise<ObjectStream> {
      const limit = (size: number) => new ObjectReadError(ref.bucket, ref.key, tooLargeMessage(options.maxObjectBytes, size), false);
      if (ref.size !== undefined && ref.size > options.maxObjectBytes) throw limit(ref.size);
      const outer = openOptions.signal;
      if (outer?.aborted) throw new ReadInterruptedError(ref.bucket, ref.key, 'no time left to read', 0);
      // One controller for the request and its body: the caller's deadline, the first-byte timeout, a stall.
      const controller = new AbortController();
      const onOuter = () => controller.abort(outer?.reason);
      outer?.addEventListener('abort', onOuter, { once: true });
      const firstByte = setTimeout(() => controller.abort(new Error(`no response within ${timeouts.firstByteMs} ms`)), timeouts.firstByteMs);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }), { abortSignal: controller.signal });
        clearTimeout(firstByte);
        if (out.ContentLength !== undefined && out.ContentLength > options.maxObjectBytes) throw limit(out.ContentLength);
        const body = (out.Body as AsyncIterable<Uint8Array> | undefined) ?? (async function* () {})();
        const guarded = withStallGuard(body, ref, controller, timeouts.stallMs, () => outer?.removeEventListener('abort', onOuter));
        const stream = capped(guarded, options.maxObjectBytes, limit, (error) => toReadError(ref, error));
        return Object.assign(stream, { interrupted: guarded.interrupted });
      } catch (error) {
        clearTimeout(firstByte);
        outer?.removeEventListener('abort', onOuter);
        if (error instanceof ObjectReadError) throw error;
        if (controller.signal.aborted) {
          throw new ReadInterruptedError(ref.bucket, ref.key, `read stopped before the first byte: ${describeError(controller.signal.reason)}`, 0, { cause: error });
        }
        throw toReadError(ref, error);
      }
    },
  };
}

/**
 * The body's chunks, ending cleanly (with `interrupted()` set) when no chunk
 * came for `stallMs` or `controller` was aborted (the caller's deadline).
 */
function withStallGuard(
  body: AsyncIterable<Uint8Array>,
  ref: ObjectRef,
  controller: AbortController,
  stallMs: number,
  done: () => void,
): AsyncIterable<Uint8Array> & { interrupted: () => Error | undefined } {
  let interruption: ReadInterruptedError | undefined;
  let bytes = 0;
  const interrupt = (reason: string) => {
    interruption ??= new ReadInterruptedError(ref.bucket, ref.key, reason, bytes);
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const iterator = body[Symbol.asyncIterator]();
    const stopped = new Promise<'stopped'>((resolve) => {
      if (controller.signal.aborted) resolve('stopped');
      controller.signal.addEventListener('abort', () => resolve('stopped'), { once: true });
    });
    try {
      for (;;) {
        let timer: NodeJS.Timeout | undefined;
        const stall = new Promise<'stalled'>((resolve) => {
          timer = setTimeout(() => resolve('stalled'), stallMs);
        });
        let next: IteratorResult<Uint8Array> | 'stalled' | 'stopped';
        try {
          const pending = iterator.next();
          // Left behind when the read is cut: its rejection after destroy() is expected.
          pending.catch(() => undefined);
          next = await Promise.race([pending, stall, stopped]);
        } catch (error) {
          if (!controller.signal.aborted) throw error;
          next = 'stopped';
        } finally {
          clearTimeout(timer);
        }
        if (next === 'stalled') {
          interrupt(`no data from storage for ${stallMs} ms`);
          controller.abort(interruption);
          return;
        }
        if (next === 'stopped') {
          interrupt(`read stopped: ${describeError(controller.signal.reason)}`);
          return;
        }
        if (next.done) return;
        bytes += next.value.length;
        yield next.value;
      }
    } finally {
      done();
      if (interruption) (body as { destroy?: () => void }).destroy?.();
    }
  }
  const stream = chunks();
  return Object.assign(stream, { interrupted: () => interruption });
}

/** Missing objects and bad requests are permanent; everything else may pass on retry. */
function toReadError(ref: ObjectRef, error: unknown): ObjectReadError {
  const name = (error as { name?: string }).name ?? '';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const permanent = name === 'NoSuchKey' || name === 'NoSuchBucket' || status === 404 || status === 400;
  const reason = name === 'NoSuchKey' ? 'no such key (deleted after the trigger fired?)' : `${name || 'error'}: ${describeError(error)}`;
  return new ObjectReadError(ref.bucket, ref.key, reason, !permanent, { cause: error });
}

/** Replace the SigV4 Authorization header with the IAM token after signing. */
function useBearerToken(client: S3Client, token: () => string | undefined): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      const value = token();
      if (request.headers && value) {
        for (const header of Object.keys(request.headers)) {
          if (/^(authorization|x-amz-security-token|x-amz-date|x-amz-content-sha256)$/i.test(header)) {
            delete request.headers[header];
          }
        }
        request.headers.authorization = `Bearer ${value}`;
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'yandexIamBearerToken', priority: 'low' },
  );
}
