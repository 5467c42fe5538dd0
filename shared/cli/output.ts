/**
 * `--output FILE`: the report is written to a temporary file beside the
 * target and renamed over it at the end, so a reader (or a SIEM watching the
 * folder) never sees half a report, and an interrupted run leaves the old
 * file in place.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A text sink that becomes visible at `commit()`. */
export interface AtomicOutput {
  write(text: string): void;
  /** Flush, close and rename over the target. */
  commit(): void;
  /** Close and remove the temporary file (the target is left as it was). */
  abort(): void;
}

/** Open `<dir>/.<name>.<pid>.tmp` for the report that will become `path`. */
export function openAtomicOutput(path: string): AtomicOutput {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', 0o644);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write(text) {
      writeSync(fd, text);
    },
    commit() {
      close();
      renameSync(temp, path);
    },
    abort() {
      close();
      rmSync(temp, { force: true });
    },
  };
}
