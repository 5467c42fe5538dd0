/**
 * Local files and folders as log objects, for `audit-responder scan`.
 * Folders are walked recursively for `.json`, `.json.gz`, `.jsonl`,
 * `.jsonl.gz` and `.gz` files, in sorted order; files named on the
 * command line are read whatever their extension.
 */
import { tooLargeMessage } from '../lib/too-large.js';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ObjectReadError, describeError } from '../errors.js';
import { type ObjectReader, type ObjectRef, capped } from './object-ref.js';

const LOG_FILE = /\.(json|jsonl|ndjson)(\.gz)?$|\.gz$/i;

/** Expand paths into object refs. Missing paths are returned in `missing`. */
export async function listLocalObjects(
  paths: readonly string[],
): Promise<{ refs: ObjectRef[]; missing: { path: string; reason: string }[] }> {
  const refs: ObjectRef[] = [];
  const missing: { path: string; reason: string }[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) refs.push(...(await walk(path)));
      else refs.push({ bucket: '', key: path, size: info.size });
    } catch (error) {
      missing.push({ path, reason: (error as { code?: string }).code === 'ENOENT' ? 'no such file or directory' : describeError(error) });
    }
  }
  return { refs, missing };
}

async function walk(dir: string): Promise<ObjectRef[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: ObjectRef[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && LOG_FILE.test(entry.name)) out.push({ bucket: '', key: path });
  }
  return out;
}

/** Opens local files as streams, with the same size cap as the S3 reader. */
export function createFileReader(maxObjectBytes: number): ObjectReader {
  return {
    async open(ref: ObjectRef): Promise<AsyncIterable<Uint8Array>> {
      const limit = (size: number) =>
        new ObjectReadError('', ref.key, tooLargeMessage(maxObjectBytes, size, 'file'), false);
      let size: number;
      try {
        size = (await stat(ref.key)).size;
      } catch (error) {
        throw new ObjectReadError('', ref.key, describeError(error), false, { cause: error });
      }
      if (size > maxObjectBytes) throw limit(size);
      const wrap = (error: unknown) => new ObjectReadError('', ref.key, describeError(error), false, { cause: error });
      return capped(createReadStream(ref.key, { highWaterMark: 1 << 20 }), maxObjectBytes, limit, wrap);
    },
  };
}
