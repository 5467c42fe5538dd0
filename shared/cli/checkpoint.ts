/**
 * `scan --checkpoint FILE`: an append-only list of finished objects, one
 * `s3://bucket/key` (or local path) per line, written with a synchronous
 * append as each object finishes, so a crash or Ctrl-C loses at most the
 * object in flight. A rerun with the same file skips what it lists.
 * Objects that failed (unreadable, transient errors) are not recorded, so
 * the rerun tries them again.
 */
import { appendFileSync, readFileSync } from 'node:fs';

/** The finished-object record of one scan. */
export interface Checkpoint {
  /** Whether an object (by its `describeRef` name) finished in an earlier run. */
  has(name: string): boolean;
  /** Record a finished object (flushed before returning). */
  record(name: string): void;
}

/** Open (or start) the checkpoint file. A missing file is an empty checkpoint. */
export function openCheckpoint(path: string): Checkpoint {
  const done = new Set<string>();
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  // A torn last line (crash mid-write) is ignored: that object is read again.
  const lines = text.split('\n');
  for (const line of text.endsWith('\n') ? lines : lines.slice(0, -1)) if (line) done.add(line);
  return {
    has: (name) => done.has(name),
    record(name) {
      appendFileSync(path, `${name.replace(/[\r\n]/g, ' ')}\n`);
      done.add(name);
    },
  };
}

/** A checkpoint that remembers nothing (no `--checkpoint`). */
export const noCheckpoint: Checkpoint = { has: () => false, record: () => undefined };
