/**
 * Structured logging: one JSON object per line. In the cloud it is the
 * function's log stream; locally the CLI keeps it quiet unless asked.
 * Every line is redacted (registered secrets, raw or URL-encoded, in the
 * message and in every field) and keeps no character a terminal or a log
 * viewer acts on (C1, bidi, U+2028/U+2029 become `\uXXXX` escapes).
 */
import { redactSecrets } from './lib/redact.js';
import { escapeJsonUnsafe } from './lib/text.js';

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
      write(logLine({ level: lvl, time: new Date().toISOString(), message, ...fields }));
    },
  };
}

/** One JSON line: strings redacted as values, the whole line redacted again, unsafe characters escaped. */
function logLine(entry: Record<string, unknown>): string {
  const json = JSON.stringify(entry, (_key, value: unknown) => (typeof value === 'string' ? redactSecrets(value) : value));
  return escapeJsonUnsafe(redactSecrets(json));
}

/** A logger that drops everything. */
export const silentLogger: Logger = { log() {} };
