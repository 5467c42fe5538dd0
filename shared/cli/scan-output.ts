/**
 * What `scan` prints: findings as text, JSON lines, OCSF or CSV, or with
 * `--all-events` every kept event (text or JSON lines), to stdout or
 * atomically to `--output FILE`.
 */
import { escapeJsonUnsafe, neutralize } from '../lib/text.js';
import type { AuditEvent, Finding } from '../types.js';
import { formatCsv } from './format-csv.js';
import { formatJsonLines } from './format-json.js';
import { formatOcsfLines } from './format-ocsf.js';
import { formatText } from './format-text.js';
import { openAtomicOutput } from './output.js';
import type { OutputFormat } from './scan-args.js';

/** The JSON object of one event (`--all-events --format json`). */
export function eventToJson(event: AuditEvent): Record<string, unknown> {
  return {
    cloud: event.cloud,
    eventId: event.id,
    eventTime: event.time,
    action: event.action,
    service: event.service,
    outcome: event.outcome,
    ...(event.error ? { error: event.error } : {}),
    actor: event.actor,
    scope: event.scope,
    ...(event.region ? { region: event.region } : {}),
    ...(event.source ? { source: event.source } : {}),
  };
}

/** One line per event: time, outcome, action, who, from where, which record. */
export function formatEventsText(events: readonly AuditEvent[]): string {
  return events
    .map((e) => {
      const who = neutralize(e.actor.arn ?? e.actor.name ?? e.actor.id ?? 'unknown', 120);
      const from = e.actor.sourceIp ? ` from ${neutralize(e.actor.sourceIp, 60)}` : '';
      const where = e.source ? ` · ${neutralize(e.source.key, 200)}#${e.source.index}` : '';
      return `${neutralize(e.time, 40)}  ${e.outcome.padEnd(7)}  ${neutralize(e.action, 120)}  ${who}${from}${where}\n`;
    })
    .join('');
}

/** Render the report body in the chosen format. */
export function renderReport(format: OutputFormat, findings: readonly Finding[], events: readonly AuditEvent[] | undefined, color: boolean): string {
  if (events) {
    return format === 'json' ? events.map((e) => `${escapeJsonUnsafe(JSON.stringify(eventToJson(e)))}\n`).join('') : formatEventsText(events);
  }
  if (format === 'json') return formatJsonLines(findings);
  if (format === 'ocsf') return formatOcsfLines(findings);
  if (format === 'csv') return formatCsv(findings);
  const text = formatText(findings, color);
  return text ? `${text}\n` : '';
}

/** Write the body to stdout, or atomically to a file. */
export function writeReport(body: string, output: string | undefined, out: (text: string) => void): void {
  if (!output) {
    if (body) out(body);
    return;
  }
  const file = openAtomicOutput(output);
  try {
    file.write(body);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}
