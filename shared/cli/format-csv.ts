/**
 * `scan --format csv`: RFC 4180 CSV with a header row and these columns:
 *
 * `time, severity, category, rule_id, title, cloud, account, region, actor,
 * actor_type, source_ip, user_agent, action, service, resource_type,
 * resource_id, resource_name, evidence, remediation, remediation_status,
 * suppressed, event_id, dedup_key, source`
 *
 * A log is attacker-controlled: a cell that starts with `=`, `+`, `-`, `@`,
 * tab or CR could run as a spreadsheet formula, so it gets a leading `'`
 * (OWASP's advice); every cell is quoted, quotes doubled, and line breaks
 * inside a value are kept inside the quotes.
 */
import type { Finding } from '../types.js';

/** The documented column set, in order. */
export const CSV_COLUMNS = [
  'time',
  'severity',
  'category',
  'rule_id',
  'title',
  'cloud',
  'account',
  'region',
  'actor',
  'actor_type',
  'source_ip',
  'user_agent',
  'action',
  'service',
  'resource_type',
  'resource_id',
  'resource_name',
  'evidence',
  'remediation',
  'remediation_status',
  'suppressed',
  'event_id',
  'dedup_key',
  'source',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised against formula injection, quoted. */
export function csvCell(value: string | undefined): string {
  const text = value ?? '';
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The cells of one finding, in {@link CSV_COLUMNS} order. */
export function findingToRow(f: Finding): string[] {
  const e = f.event;
  return [
    e.time,
    f.severity,
    f.category,
    f.ruleId,
    f.title,
    e.cloud,
    e.scope.account ?? e.scope.cloud ?? '',
    e.region ?? '',
    e.actor.arn ?? e.actor.name ?? e.actor.id ?? '',
    e.actor.type ?? '',
    e.actor.sourceIp ?? '',
    e.actor.userAgent ?? '',
    e.action,
    e.service,
    f.resource.type,
    f.resource.id,
    f.resource.name ?? '',
    f.evidence.summary,
    f.remediation?.summary ?? '',
    f.remediation ? (f.remediationOutcome?.status ?? 'skipped') : '',
    f.suppressed?.reason ?? '',
    e.id,
    f.dedupKey,
    e.source ? `${e.source.key}#${e.source.index}` : '',
  ];
}

/** Header row plus one row per finding, CRLF line ends. */
export function formatCsv(findings: readonly Finding[]): string {
  const rows = [CSV_COLUMNS.map((c) => csvCell(c)), ...findings.map((f) => findingToRow(f).map(csvCell))];
  return rows.map((r) => `${r.join(',')}\r\n`).join('');
}
