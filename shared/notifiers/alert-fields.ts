/**
 * What an on-call person needs from one finding, as labelled plain-text
 * fields: every notifier renders these, each neutralising every value
 * (`lib/text.ts`) and escaping it for its own medium.
 */
import type { Finding, Severity } from '../types.js';
import { formatOf } from '../formats/registry.js';

/** Marker per severity, so the first glance tells how bad it is. */
export const SEVERITY_MARK: Readonly<Record<Severity, string>> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
  info: '⬜',
};

/** One labelled line of an alert. */
export interface AlertField {
  readonly label: string;
  readonly value: string;
  /** A link the medium may render as a hyperlink. */
  readonly url?: string;
}

/** The fields of one alert, in reading order. */
export interface AlertView {
  readonly headline: string;
  readonly fields: readonly AlertField[];
}

/** Who, what, where, from where, when, what was done: one view per finding. */
export function alertView(finding: Finding): AlertView {
  const { event, resource } = finding;
  const actor = event.actor;
  const who = [actor.name ?? actor.id ?? 'unknown', actor.type ? `(${actor.type})` : '']
    .filter(Boolean)
    .join(' ');
  const from = [actor.sourceIp, actor.userAgent].filter(Boolean).join(' · ');
  const where = formatOf(event.cloud).where(event);
  const fields: AlertField[] = [
    { label: 'What', value: finding.evidence.summary },
    { label: 'Resource', value: `${resource.type} ${resource.name ?? resource.id}`, ...(resource.consoleUrl ? { url: resource.consoleUrl } : {}) },
    { label: 'Who', value: who + (actor.arn && actor.arn !== actor.name ? ` ${actor.arn}` : '') },
    { label: 'From', value: from || 'unknown' },
    { label: 'Where', value: where },
    { label: 'When', value: readableTime(event.time) },
    { label: 'Response', value: responseText(finding) },
    { label: 'Event', value: `${event.id} · ${event.action}${event.source ? ` · ${event.source.key}#${event.source.index}` : ''} · rule ${finding.ruleId}` },
  ];
  if (finding.sigma) {
    // The Detection Rule License of SigmaHQ rules: every message based on a match names the rule's author.
    fields.push({ label: 'Sigma rule', value: `${finding.sigma.title} (${finding.sigma.id}) by ${finding.sigma.author}` });
  }
  if (finding.suppressed) fields.push({ label: 'Suppressed', value: finding.suppressed.reason });
  return {
    headline: `${SEVERITY_MARK[finding.severity]} ${finding.severity.toUpperCase()} · ${finding.category} · ${finding.title}`,
    fields,
  };
}

const STATUS_TEXT = {
  done: '✅ done',
  'already-fixed': '✅ already fixed',
  'would-do': '🔎 dry-run',
  skipped: '⏸ not applied',
  failed: '❌ FAILED',
} as const;

/** What the responder did or would do about a finding, in one line. */
export function responseText(finding: Finding): string {
  const plan = finding.remediation;
  const done = finding.remediationOutcome;
  if (done) {
    const what = done.status === 'would-do' ? done.reason.replace(/^dry-run: /, '') : done.reason;
    const fix = plan && done.status !== 'would-do' && done.status !== 'done' ? ` — fix: ${plan.summary}` : '';
    return `${STATUS_TEXT[done.status]}: ${what}${fix}`;
  }
  return plan ? `plan: ${plan.summary} (remediation not run)` : 'no automatic fix; fix by hand';
}

/** `2026-10-01 12:03:02 UTC` from an ISO time; other text unchanged. */
export function readableTime(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}
