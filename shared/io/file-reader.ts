/**
 * Local files and folders as log objects, for `audit-responder scan`.
 * Folders are walked recursively for `.json`, `.json.gz`, `.jsonl`,
 * `.jsonl.gz` and `.gz` files, in sorted order; files named on the
 * command line are read whatever their extension.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ObjectReadError, describeError } from '../errors.js';
import type { ObjectReader, ObjectRef } from './object-ref.js';

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

/** Reads local files with the same size cap as the S3 reader. */
export function createFileReader(maxObjectBytes: number): ObjectReader {
  return {
    async read(ref: ObjectRef): Promise<Uint8Array> {
      let handle;
      try {
        handle = await open(ref.key, 'r');
        const { size } = await handle.stat();
        if (size > maxObjectBytes) {
          throw new ObjectReadError('', ref.key, `file too large: ${size} bytes, limit is ${maxObjectBytes} bytes`, false);
        }
        return await handle.readFile();
      } catch (error) {
        if (error instanceof ObjectReadError) throw error;
        throw new ObjectReadError('', ref.key, describeError(error), false, { cause: error });
      } finally {
        await handle?.close();
      }
    },
  };
}
