/**
 * A reference to one log object, and the reader contract both the S3 reader
 * and the local file reader fulfil.
 */

/** One object to process: bucket + key in the cloud, or a local path (bucket ''). */
export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
  /** Size announced by the trigger, when known. */
  readonly size?: number;
}

/**
 * Opens an object as a stream of byte chunks, enforcing a size cap on the
 * stored bytes. Errors (also mid-stream) are ObjectReadErrors.
 */
export interface ObjectReader {
  open(ref: ObjectRef): Promise<AsyncIterable<Uint8Array>>;
}

/** Chunks of `body`, failing with `tooLarge()` past `max` bytes and wrapping read errors. */
export async function* capped(
  body: AsyncIterable<Uint8Array>,
  max: number,
  tooLarge: (size: number) => Error,
  wrap: (error: unknown) => Error,
): AsyncGenerator<Uint8Array> {
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > max) throw tooLarge(size);
      yield chunk;
    }
  } catch (error) {
    throw error instanceof Error && error.name === 'ObjectReadError' ? error : wrap(error);
  }
}

/** `s3://bucket/key`, or the local path. */
export function describeRef(ref: ObjectRef): string {
  return ref.bucket ? `s3://${ref.bucket}/${ref.key}` : ref.key;
}
