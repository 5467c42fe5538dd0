/**
 * Lists the log objects under `s3://bucket/prefix`, pruned by the key
 * layouts (see `./key-layout.ts`): one delimiter listing per folder level
 * down to the dated folders, then one listing per day in the time range,
 * so a 90-day scan of an organization never lists the keys it does not need.
 * Listings run concurrently (bounded) and each has a deadline.
 */
import { ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { ObjectReadError, describeError } from '../errors.js';
import { type KeyFilter, classifySegment, daysOf, isDigestKey, keepSegment, keyMayBeInRange } from './key-layout.js';
import type { ObjectRef } from './object-ref.js';

/** A bucket and a key prefix. */
export interface S3Location {
  readonly bucket: string;
  readonly prefix: string;
}

/** Options of {@link listS3Objects}. */
export interface ListOptions {
  /** Listings in flight at once. @default 8 */
  readonly concurrency?: number;
  /** Deadline of one ListObjectsV2 call. @default 30000 */
  readonly timeoutMs?: number;
  /** Stops the listing (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Upper end of an open range (`--since` without `--until`). @default Date.now() */
  readonly now?: number;
  /** Keys per ListObjectsV2 page (MaxKeys). @default the server's (1000 on S3) */
  readonly pageSize?: number;
}

/** `s3://bucket/prefix` → location; anything else → undefined. */
export function parseS3Url(text: string): S3Location | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(text);
  return m?.[1] ? { bucket: m[1], prefix: m[2] ?? '' } : undefined;
}

/**
 * Every object under the location that the filter can keep, sorted by key.
 * @throws {ObjectReadError} when a listing fails (names the bucket and prefix)
 */
export async function listS3Objects(client: S3Client, location: S3Location, filter: KeyFilter, options: ListOptions = {}): Promise<ObjectRef[]> {
  const limit = semaphore(options.concurrency ?? 8);
  const found: ObjectRef[] = [];
  const { range } = filter;
  const list = (prefix: string, delimiter: boolean) =>
    limit(() => listAll(client, location.bucket, prefix, delimiter, options));
  const keep = (key: string, size: number | undefined) => {
    if (!isDigestKey(key) && keyMayBeInRange(key, range)) found.push({ bucket: location.bucket, key, ...(size !== undefined ? { size } : {}) });
  };
  const full = async (prefix: string) => {
    for (const o of (await list(prefix, false)).objects) keep(o.key, o.size);
  };
  const visit = async (prefix: string, parent: string | undefined, depth: number): Promise<void> => {
    const level = await list(prefix, true);
    for (const o of level.objects) keep(o.key, o.size);
    const work: Promise<void>[] = [];
    const years = level.folders.filter((f) => classifySegment(parent, lastSegment(f)) === 'year');
    if (years.length > 0 && range.since !== undefined) {
      const days = daysOf({ since: range.since, until: range.until ?? options.now ?? Date.now() });
      const present = new Set(years.map(lastSegment));
      for (const day of days) if (present.has(day.slice(0, 4))) work.push(full(`${prefix}${day}/`));
    } else {
      for (const year of years) work.push(full(year));
    }
    for (const folder of level.folders) {
      const name = lastSegment(folder);
      const kind = classifySegment(parent, name);
      if (kind === 'year' || !keepSegment(kind, name, filter) || depth > 12) continue;
      work.push(visit(folder, name, depth + 1));
    }
    await Promise.all(work);
  };
  const start = location.prefix;
  await visit(start, start.endsWith('/') ? lastSegment(start) : undefined, 0);
  return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

interface Listing {
  readonly objects: { key: string; size?: number }[];
  readonly folders: string[];
}

async function listAll(client: S3Client, bucket: string, prefix: string, delimiter: boolean, options: ListOptions): Promise<Listing> {
  const objects: { key: string; size?: number }[] = [];
  const folders: string[] = [];
  let token: string | undefined;
  do {
    const signals = [AbortSignal.timeout(options.timeoutMs ?? 30_000), ...(options.signal ? [options.signal] : [])];
    let out: ListObjectsV2CommandOutput;
    try {
      out = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(delimiter ? { Delimiter: '/' } : {}), ...(token ? { ContinuationToken: token } : {}), ...(options.pageSize ? { MaxKeys: options.pageSize } : {}) }),
        { abortSignal: AbortSignal.any(signals) },
      );
    } catch (error) {
      const name = (error as { name?: string }).name ?? 'error';
      throw new ObjectReadError(bucket, prefix, `cannot list: ${name}: ${describeError(error)}`, name !== 'NoSuchBucket', { cause: error });
    }
    for (const o of out.Contents ?? []) if (o.Key) objects.push({ key: o.Key, ...(o.Size !== undefined ? { size: o.Size } : {}) });
    for (const p of out.CommonPrefixes ?? []) if (p.Prefix) folders.push(p.Prefix);
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return { objects, folders };
}

function lastSegment(folder: string): string {
  const parts = folder.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/** Run at most `n` tasks at once. */
export function semaphore(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (active >= Math.max(1, n)) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}
