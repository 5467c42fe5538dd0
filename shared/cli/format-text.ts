/**
 * `scan --format text`: for people. One aligned line per finding (severity,
 * category, resource, evidence) and a dimmed line with who, from where, when
 * and which event; coloured when writing to a terminal. Every field from
 * the finding (time, ids and rule included) is neutralised: no terminal
 * escape, carriage return or line separator from a log reaches the terminal.
 */
import { mostSevereFirst } from '../lib/severity.js';
import { neutralize } from '../lib/text.js';
import type { Finding, Severity } from '../types.js';

const COLORS: Readonly<Record<Severity, string>> = {
  critical: '\u001b[1;31m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[37m',
};
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

/** Render findings, most severe first. Every value is neutralised (no terminal escapes from logs). */
export function formatText(findings: readonly Finding[], color: boolean): string {
  if (findings.length === 0) return '';
  const sorted = mostSevereFirst(findings);
  const resourceWidth = Math.min(48, Math.max(...sorted.map((f) => neutralize(resourceLabel(f)).length)));
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);
  return sorted
    .map((f) => {
      const severity = paint(COLORS[f.severity] ?? '', neutralize(f.severity.toUpperCase(), 8).padEnd(8));
      const head = [
        severity,
        neutralize(f.category, 40).padEnd(13),
        neutralize(resourceLabel(f), resourceWidth).padEnd(resourceWidth),
        neutralize(f.evidence.summary, 200),
      ].join('  ');
      const actor = f.event.actor;
      const who = neutralize(actor.name ?? actor.arn ?? actor.id ?? 'unknown', 80);
      const from = actor.sourceIp ? ` from ${neutralize(actor.sourceIp, 60)}` : '';
      const where = f.event.source ? `${neutralize(f.event.source.key, 200)}#${neutralize(String(f.event.source.index), 20)}` : '';
      const suppressed = f.suppressed ? ` · suppressed: ${neutralize(f.suppressed.reason, 200)}` : '';
      const author = f.sigma ? ` · Sigma rule by ${neutralize(f.sigma.author, 200)}` : '';
      const time = neutralize(f.event.time, 60);
      const detail = `${' '.repeat(10)}${who}${from} · ${time} · ${neutralize(f.ruleId, 80)} · event ${neutralize(f.event.id, 80)} · ${where}${author}${suppressed}`;
      return `${head}\n${paint(DIM, detail)}`;
    })
    .join('\n');
}

/** `name (id)`, or just the name when the id is an ARN that already holds it. */
function resourceLabel(f: Finding): string {
  const { id, name } = f.resource;
  if (!name || name === id) return id;
  return id.startsWith('arn:') ? name : `${name} (${id})`;
}
