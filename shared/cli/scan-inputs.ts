/**
 * The inputs of `scan` and `backfill`: local files and folders, and
 * `s3://bucket/prefix` locations listed with pruning, read through one
 * reader that sends each ref to the file reader or to the same S3 reader
 * the functions use (endpoint, region and path style from the config's
 * `storage`, credentials from the SDK's default chain).
 */
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { Config } from '../config/schema.js';
import { describeError } from '../errors.js';
import { createFileReader, listLocalObjects } from '../io/file-reader.js';
import type { ObjectReader, ObjectRef } from '../io/object-ref.js';
import { createS3Reader } from '../io/s3-reader.js';
import { listS3Objects, parseS3Url } from '../io/s3-listing.js';
import type { ScanFilter } from './scan-filter.js';

/** Refs to read, and inputs that could not be listed (path and reason). */
export interface Inputs {
  readonly refs: ObjectRef[];
  readonly missing: { path: string; reason: string }[];
}

/** How to reach the bucket. */
export interface InputOptions {
  readonly config: Config;
  readonly filter: ScanFilter;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  readonly now?: number;
  /** Extra S3 client settings (tests: static credentials). */
  readonly s3Client?: Partial<S3ClientConfig>;
}

/** One reader for local paths and S3 objects; the S3 client is made on first need. */
export function createInputReader(options: InputOptions): ObjectReader & { s3(): ReturnType<typeof createS3Reader> } {
  const { storage } = options.config;
  const files = createFileReader(storage.maxObjectBytes);
  let s3: ReturnType<typeof createS3Reader> | undefined;
  const getS3 = () =>
    (s3 ??= createS3Reader({
      ...(storage.endpoint ? { endpoint: storage.endpoint } : {}),
      region: storage.region,
      forcePathStyle: storage.forcePathStyle,
      maxObjectBytes: storage.maxObjectBytes,
      ...(options.s3Client ? { client: options.s3Client } : {}),
    }));
  return {
    s3: getS3,
    open: (ref) => (ref.bucket ? getS3().open(ref) : files.open(ref)),
  };
}

/** Expand every input, in the order given; S3 listings are sorted by key. */
export async function listInputs(paths: readonly string[], reader: ReturnType<typeof createInputReader>, options: InputOptions): Promise<Inputs> {
  const refs: ObjectRef[] = [];
  const missing: { path: string; reason: string }[] = [];
  for (const path of paths) {
    const location = parseS3Url(path);
    if (!location) {
      const local = await listLocalObjects([path]);
      refs.push(...local.refs);
      missing.push(...local.missing);
      continue;
    }
    try {
      const listed = await listS3Objects(reader.s3().client, location, options.filter, {
        concurrency: options.concurrency,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.now !== undefined ? { now: options.now } : {}),
      });
      refs.push(...listed);
    } catch (error) {
      missing.push({ path, reason: describeError(error) });
    }
  }
  return { refs, missing };
}
