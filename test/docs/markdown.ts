/**
 * Small Markdown readers for the documentation tests: the project's Markdown
 * files, their relative links, their heading anchors (as GitHub makes them)
 * and the rows of their tables.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** README.md and every docs/*.md, as paths relative to the root. */
export function markdownFiles(root = ROOT): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/** The text with fenced code blocks blanked (line numbers kept). */
export function withoutFences(text: string): string {
  let fence = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fence = !fence;
        return '';
      }
      return fence ? '' : line;
    })
    .join('\n');
}

/** A link found in a Markdown file. */
export interface MarkdownLink {
  readonly line: number;
  readonly target: string;
}

/** Every inline link `[text](target)` outside code, with its line number. */
export function links(text: string): MarkdownLink[] {
  const out: MarkdownLink[] = [];
  withoutFences(text)
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.replace(/`[^`]*`/g, '``');
      for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        if (m[1]) out.push({ line: index + 1, target: m[1] });
      }
    });
  return out;
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor of a Markdown file (repeated headings get `-1`, `-2`, … as on GitHub). */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of withoutFences(text).split('\n')) {
    const m = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m?.[1]) continue;
    const base = slug(m[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.add(count === 0 ? base : `${base}-${count}`);
  }
  return out;
}

/** The cells of a table row (`\|` kept inside a cell), or `undefined` for a non-row line. */
function cells(line: string): string[] | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) return undefined;
  return trimmed
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/**
 * The body rows of every table whose header row is exactly `header`
 * (cells compared trimmed, in order).
 */
export function tableRows(text: string, header: readonly string[]): string[][] {
  const lines = withoutFences(text).split('\n');
  const rows: string[][] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const head = cells(lines[i] ?? '');
    if (!head || head.join('|') !== header.join('|')) continue;
    for (let j = i + 2; j < lines.length; j += 1) {
      const row = cells(lines[j] ?? '');
      if (!row) break;
      rows.push(row);
    }
  }
  return rows;
}

/** The code spans of a cell (`` `a`, `b` `` → `a`, `b`). */
export function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].flatMap((m) => (m[1] ? [m[1]] : []));
}

/** Read a file under the root. */
export function readDoc(file: string, root = ROOT): string {
  return readFileSync(join(root, file), 'utf8');
}
