/**
 * Telegram messages for one batch, per chat: the most severe findings in
 * full (what, resource with console link, who, from where, where, when, what
 * the responder did, event and log object), the rest one line each, and a
 * count of what did not fit. Pure. HTML parse mode; every value from the
 * event is neutralised (control, bidi, U+2028/U+2029/U+061C made visible)
 * and escaped; a message stays under Telegram's 4096 visible characters
 * and is only ever split between whole blocks.
 */
import { mostSevereFirst } from '../lib/severity.js';
import type { Finding, Severity } from '../types.js';
import { SEVERITIES } from '../types.js';
import { SEVERITY_MARK, alertView } from './alert-fields.js';
import { escapeHtml, link, safeHtml, visibleLength } from './html.js';

/** Telegram's limit, less a margin. */
export const TELEGRAM_TEXT_LIMIT = 4000;
/** Findings shown in full; the others get one line. */
const DETAILED = 3;
const FIELD_MAX = 300;

/** One message and the findings it reports (shown or counted). */
export interface TelegramMessage {
  readonly html: string;
  readonly findings: readonly Finding[];
}

/** Render options. */
export interface TelegramRenderOptions {
  /** Most messages for this batch; the last one counts the rest. */
  readonly maxMessages: number;
}

function detailedBlock(finding: Finding): string {
  const view = alertView(finding);
  const lines = view.fields.map((f) => {
    const value = f.url ? link(f.url, f.value, FIELD_MAX) : safeHtml(f.value, FIELD_MAX);
    return `<b>${escapeHtml(f.label)}:</b> ${value}`;
  });
  return [`<b>${safeHtml(view.headline, FIELD_MAX)}</b>`, ...lines].join('\n');
}

function compactLine(finding: Finding): string {
  const r = finding.resource;
  const name = r.name ?? r.id;
  const target = r.consoleUrl ? link(r.consoleUrl, name, 80) : safeHtml(name, 80);
  const actor = finding.event.actor.name ?? finding.event.actor.id ?? 'unknown';
  return `${SEVERITY_MARK[finding.severity]} <b>${finding.severity.toUpperCase()}</b> ${safeHtml(finding.category, 40)} · ${target} · ${safeHtml(finding.evidence.summary, 160)} · by ${safeHtml(actor, 60)}${finding.sigma ? ` · Sigma rule by ${safeHtml(finding.sigma.author, 80)}` : ''}`;
}

function countBySeverity(findings: readonly Finding[]): string {
  const counts = [...SEVERITIES].reverse().map((s: Severity) => [s, findings.filter((f) => f.severity === s).length] as const);
  return counts.filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(' · ');
}

/** Split the findings of one batch into at most `maxMessages` messages. */
export function renderTelegram(findings: readonly Finding[], options: TelegramRenderOptions): TelegramMessage[] {
  if (findings.length === 0) return [];
  const sorted = mostSevereFirst(findings);
  const parts = sorted.map((f, i) => ({ finding: f, html: i < DETAILED ? detailedBlock(f) : compactLine(f) }));
  const header = sorted.length > 1 ? `<b>🚨 ${sorted.length} dangerous changes</b> (${countBySeverity(sorted)})` : '';
  const messages: TelegramMessage[] = [];
  let index = 0;
  while (index < parts.length && messages.length < options.maxMessages) {
    const last = messages.length === options.maxMessages - 1;
    const lines: string[] = [messages.length === 0 ? header : `<i>continued (${messages.length + 1})</i>`].filter(Boolean);
    const covered: Finding[] = [];
    const budget = TELEGRAM_TEXT_LIMIT - (last ? 300 : 0);
    while (index < parts.length) {
      const part = parts[index];
      if (!part) break;
      const next = [...lines, part.html].join('\n\n');
      if (covered.length > 0 && visibleLength(next) > budget) break;
      lines.push(part.html);
      covered.push(part.finding);
      index += 1;
    }
    if (last && index < parts.length) {
      const rest = sorted.slice(index);
      lines.push(`… and <b>${rest.length} more</b> not shown (${countBySeverity(rest)}); every finding is in the function log.`);
      covered.push(...rest);
      index = parts.length;
    }
    messages.push({ html: lines.join('\n\n'), findings: covered });
  }
  return messages;
}
