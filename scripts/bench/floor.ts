/**
 * Child process: the floor. Read the file, gunzip it when it is gzip, parse
 * the JSON and touch every record (read its action), nothing else: no
 * validation, no rules. Usage: `node floor.js PATH`.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { cpuSinceMs, report } from './measure.js';

/** The records of a file; the bytes and the text are garbage once this returns, as in the pipeline. */
async function load(path: string): Promise<Record<string, unknown>[]> {
  const bytes = await readFile(path);
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  const doc: unknown = JSON.parse(text);
  return (Array.isArray(doc) ? doc : (doc as { Records: unknown[] }).Records) as Record<string, unknown>[];
}

const path = process.argv[2];
if (!path) {
  console.error('usage: floor.js PATH');
  process.exit(64);
}

const started = performance.now();
const cpuStart = process.cpuUsage();
const records = await load(path);
// Touch every record so nothing can be skipped; the sum keeps the loop honest.
let touched = 0;
for (const record of records) {
  const action = record.eventName ?? record.event_type;
  if (typeof action === 'string') touched += action.length;
}
const ms = performance.now() - started;
report({ records: records.length, ms, runCpuMs: cpuSinceMs(cpuStart), touched });
