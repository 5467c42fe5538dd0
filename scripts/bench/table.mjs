// Plain-text helpers for the benchmark report: aligned tables and number formats.

/**
 * An aligned table. `columns`: [{ header, align: 'left' | 'right' }];
 * `rows`: arrays of strings, one per column.
 */
export function table(columns, rows) {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) =>
    cells
      .map((cell, i) => {
        const text = String(cell ?? '');
        return columns[i].align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

/** 123456.7 → "123,457". */
export function int(n) {
  return Math.round(n).toLocaleString('en-US');
}

/** A number with `digits` decimals. */
export function fixed(n, digits = 1) {
  return n.toFixed(digits);
}

/** Bytes → MB (2^20), one decimal. */
export function mb(bytes) {
  return (bytes / 2 ** 20).toFixed(1);
}

/** "ok" or "MISS". */
export function verdict(ok) {
  return ok ? 'ok' : 'MISS';
}

/** The median of numbers (the lower middle for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
