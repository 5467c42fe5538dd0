/**
 * Child process: the gunzip-only floor, the one cost no parser can avoid.
 * Stream the file through gunzip (1 MiB chunks, as the pipeline does) and
 * count the bytes, nothing else. Usage: `node gunzip.js PATH`.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream';
import { cpuSinceMs, report } from './measure.js';

const path = process.argv[2];
if (!path) {
  console.error('usage: gunzip.js PATH');
  process.exit(64);
}

const started = performance.now();
const cpuStart = process.cpuUsage();
const source = createReadStream(path, { highWaterMark: 1 << 20 });
const gzipped = await new Promise<boolean>((resolve, reject) => {
  source.once('readable', () => {
    const head = source.read(2) as Buffer | null;
    if (head) source.unshift(head);
    resolve(Boolean(head && head[0] === 0x1f && head[1] === 0x8b));
  });
  source.once('error', reject);
});
const bytes: AsyncIterable<Buffer> = gzipped ? pipeline(source, createGunzip({ chunkSize: 1 << 20 }), () => {}) : source;
let total = 0;
for await (const chunk of bytes) total += chunk.length;
const ms = performance.now() - started;
report({ bytes: total, ms, runCpuMs: cpuSinceMs(cpuStart) });
