/**
 * The progress line of long scans: objects done / total, records, findings,
 * bytes, rate and ETA, redrawn in place on stderr (at most every 100 ms) and
 * erased at the end. Only on a terminal and without `--quiet`; the caller's
 * summary line is printed either way.
 */

/** Counters shown on the line. */
export interface ProgressState {
  readonly done: number;
  readonly total?: number;
  readonly records: number;
  readonly findings: number;
  readonly bytes: number;
}

/** Where and when to draw. */
export interface ProgressOptions {
  readonly write: (text: string) => void;
  /** Whether stderr is a terminal (injected: tests pass `true`). */
  readonly isTty: boolean;
  readonly quiet: boolean;
  /** Clock in ms. @default performance.now */
  readonly now?: () => number;
  /** Least time between redraws, in ms. @default 100 */
  readonly intervalMs?: number;
}

/** A progress line: `update` as work finishes, `done` before the summary. */
export interface Progress {
  update(state: ProgressState): void;
  done(): void;
}

/** `1.5 MiB` */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The text of one progress line (no control characters). */
export function progressLine(state: ProgressState, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? state.done / (elapsedMs / 1000) : 0;
  const objects = state.total !== undefined ? `${state.done}/${state.total} objects` : `${state.done} objects`;
  const eta =
    state.total !== undefined && rate > 0 ? ` · ETA ${formatDuration((state.total - state.done) / rate)}` : '';
  return `${objects} · ${state.records} records · ${state.findings} findings · ${formatBytes(state.bytes)} · ${rate.toFixed(1)} obj/s${eta}`;
}

/** Build the progress line; a no-op off a terminal or with `--quiet`. */
export function createProgress(options: ProgressOptions): Progress {
  if (!options.isTty || options.quiet) return { update: () => undefined, done: () => undefined };
  const now = options.now ?? (() => performance.now());
  const started = now();
  const interval = options.intervalMs ?? 100;
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(state) {
      const t = now();
      const final = state.total !== undefined && state.done === state.total;
      if (t - last < interval && !final) return;
      last = t;
      drawn = true;
      options.write(`\r\u001b[2K${progressLine(state, t - started)}`);
    },
    done() {
      if (drawn) options.write('\r\u001b[2K');
    },
  };
}
