/**
 * Structured logging: one JSON object per line. In the cloud it is the
 * function's log stream; locally the CLI keeps it quiet unless asked.
 */

/** Log levels in increasing order. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A structured logger. Never pass secrets in `fields`. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** Writes JSON lines to a sink (stdout by default) at or above `level`. */
export function jsonLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const min = LOG_LEVELS.indexOf(level);
  return {
    log(lvl, message, fields) {
      if (LOG_LEVELS.indexOf(lvl) < min) return;
      write(JSON.stringify({ level: lvl, time: new Date().toISOString(), message, ...fields }));
    },
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { log() {} };
