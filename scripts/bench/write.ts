/**
 * Stream generated records into a log file the way the clouds deliver them,
 * without holding the whole document in memory: a gzipped CloudTrail
 * `{"Records":[…]}`, or a plain Yandex Audit Trails JSON array.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type Generated, WATCHED_MIX, cloudTrailRecords } from './cloudtrail.js';
import { yandexEvents } from './yandex.js';

/** The files the benchmark reads: CloudTrail in the realistic and the mostly-watched mix, Yandex. */
export type Dataset = 'cloudtrail' | 'cloudtrail-watched' | 'yandex';

/** What was written. */
export interface WrittenFile {
  readonly dataset: Dataset;
  readonly path: string;
  readonly records: number;
  /** Records per kind: noise, watched, dangerous. */
  readonly kinds: Readonly<Record<string, number>>;
  /** Uncompressed JSON size. */
  readonly rawBytes: number;
  /** Size on disk (gzipped for CloudTrail). */
  readonly fileBytes: number;
  /** sha256 of the file on disk: equal across runs with the same seed and count. */
  readonly sha256: string;
}

/** Flush to the stream in chunks of about this many characters. */
const CHUNK = 1 << 20;

/** Write `count` records of `dataset` from `seed` to `path`. */
export async function writeDataset(dataset: Dataset, path: string, count: number, seed: number): Promise<WrittenFile> {
  const aws = dataset !== 'yandex';
  const records =
    dataset === 'cloudtrail' ? cloudTrailRecords(count, seed) : dataset === 'cloudtrail-watched' ? cloudTrailRecords(count, seed, WATCHED_MIX) : yandexEvents(count, seed);
  const frame = aws ? { open: '{"Records":[', sep: ',', close: ']}' } : { open: '[\n', sep: ',\n', close: '\n]\n' };
  const kinds: Record<string, number> = { noise: 0, watched: 0, dangerous: 0 };
  let rawBytes = 0;
  let fileBytes = 0;
  const hash = createHash('sha256');

  function* chunks(): Generator<string> {
    let buffer = frame.open;
    let first = true;
    for (const item of records as Iterable<Generated>) {
      kinds[item.kind] = (kinds[item.kind] ?? 0) + 1;
      buffer += (first ? '' : frame.sep) + JSON.stringify(item.record);
      first = false;
      if (buffer.length >= CHUNK) {
        rawBytes += Buffer.byteLength(buffer);
        yield buffer;
        buffer = '';
      }
    }
    buffer += frame.close;
    rawBytes += Buffer.byteLength(buffer);
    yield buffer;
  }

  // Count and hash what reaches the disk.
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      fileBytes += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const source = Readable.from(chunks(), { objectMode: false });
  const sink = createWriteStream(path);
  if (aws) await pipeline(source, createGzip({ level: 6 }), tap, sink);
  else await pipeline(source, tap, sink);
  return { dataset, path, records: count, kinds, rawBytes, fileBytes, sha256: hash.digest('hex') };
}
