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

/** Reads the bytes of an object, enforcing a size cap. */
export interface ObjectReader {
  read(ref: ObjectRef): Promise<Uint8Array>;
}

/** `s3://bucket/key`, or the local path. */
export function describeRef(ref: ObjectRef): string {
  return ref.bucket ? `s3://${ref.bucket}/${ref.key}` : ref.key;
}
