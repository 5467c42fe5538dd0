/**
 * When the ledger has no arrival marks (first run, or marks expired), the
 * silence check lists the prefix to find its newest object. Listing is
 * bounded (`maxPages` pages of 1000 keys) and has a deadline; CloudTrail
 * and Yandex keys carry the date, so callers pass the most specific prefix.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/** Finds the newest object's time under a `bucket/prefix`, or `undefined` when empty. */
export type NewestObject = (watched: string) => Promise<Date | undefined>;

/** A {@link NewestObject} over an S3 client (AWS S3 or Yandex Object Storage). */
export function s3NewestObject(client: S3Client, options: { maxPages?: number; timeoutMs?: number } = {}): NewestObject {
  const maxPages = options.maxPages ?? 10;
  return async (watched) => {
    const slash = watched.indexOf('/');
    const bucket = watched.slice(0, slash);
    const prefix = watched.slice(slash + 1);
    let newest: Date | undefined;
    let token: string | undefined;
    for (let page = 0; page < maxPages; page += 1) {
      const out = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
        { abortSignal: AbortSignal.timeout(options.timeoutMs ?? 10_000) },
      );
      for (const o of out.Contents ?? []) if (o.LastModified && (!newest || o.LastModified > newest)) newest = o.LastModified;
      if (!out.IsTruncated || !out.NextContinuationToken) break;
      token = out.NextContinuationToken;
    }
    return newest;
  };
}
