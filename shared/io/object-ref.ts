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

/** How long one read may take. */
export interface OpenOptions {
  /**
   * Aborts the read when the object's share of the invocation is spent: a
   * read that has not answered yet fails, a body being streamed ends early
   * (see {@link ObjectStream.interrupted}).
   */
  readonly signal?: AbortSignal;
}

/**
 * The chunks of one object. A reader that can stop a read early (deadline,
 * stalled server) ends the stream cleanly, so what was read so far can still
 * be parsed, and says why in `interrupted()`.
 */
export interface ObjectStream extends AsyncIterable<Uint8Array> {
  /** Why the stream ended before the object did, or `undefined`. */
  interrupted?(): Error | undefined;
}

/**
 * Opens an object as a stream of byte chunks, enforcing a size cap on the
 * stored bytes. Errors (also mid-stream) are ObjectReadErrors.
 */
export interface ObjectReader {
  open(ref: ObjectRef, options?: OpenOptions): Promise<ObjectStream>;
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

/**
 * The reader, counting the stored bytes of every object it reads through
 * `add` (progress lines, throughput); a cut-short read keeps its reason.
 */
export function countingReader(reader: ObjectReader, add: (bytes: number) => void): ObjectReader {
  return {
    async open(ref, options) {
      const body = await reader.open(ref, options);
      const counted = (async function* () {
        for await (const chunk of body) {
          add(chunk.length);
          yield chunk;
        }
      })();
      return body.interrupted ? Object.assign(counted, { interrupted: () => body.interrupted?.() }) : counted;
    },
  };
}
