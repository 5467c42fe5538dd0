/**
 * Reads log objects with `@aws-sdk/client-s3`: one reader for AWS S3 and for
 * Yandex Object Storage (S3 protocol, endpoint from config). The body is
 * streamed and cut off at the size cap. With a Yandex function's IAM token,
 * requests carry `Authorization: Bearer` instead of a SigV4 signature.
 */
import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { ObjectReadError, describeError } from '../errors.js';
import { type ObjectReader, type ObjectRef, capped } from './object-ref.js';

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
}

/** An {@link ObjectReader} over an S3 client. */
export function createS3Reader(options: S3ReaderOptions): ObjectReader & { client: S3Client } {
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.bearerToken ? { credentials: { accessKeyId: 'iam-token', secretAccessKey: 'iam-token' } } : {}),
    ...options.client,
  });
  if (options.bearerToken) useBearerToken(client, options.bearerToken);
  return {
    client,
    async open(ref: ObjectRef): Promise<AsyncIterable<Uint8Array>> {
      const limit = (size: number) => new ObjectReadError(ref.bucket, ref.key, tooLarge(size, options.maxObjectBytes), false);
      if (ref.size !== undefined && ref.size > options.maxObjectBytes) throw limit(ref.size);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
        if (out.ContentLength !== undefined && out.ContentLength > options.maxObjectBytes) throw limit(out.ContentLength);
        const body = (out.Body as AsyncIterable<Uint8Array> | undefined) ?? (async function* () {})();
        return capped(body, options.maxObjectBytes, limit, (error) => toReadError(ref, error));
      } catch (error) {
        if (error instanceof ObjectReadError) throw error;
        throw toReadError(ref, error);
      }
    },
  };
}

function tooLarge(size: number, max: number): string {
  return `object too large: ${size} bytes or more, limit is ${max} bytes`;
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
