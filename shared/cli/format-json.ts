/**
 * `scan --format json`: one finding per line, a stable documented shape:
 * `{"ruleId","category","severity","cloud","eventId","eventTime","actor",
 * "resource","title","evidence","remediation"}` plus `action`, `source` and,
 * for allow-listed findings, `suppressed`; for Sigma rules, `sigma` (id, title, author, ...).
 */
import { boundedJson } from '../lib/bounded-json.js';
import { escapeJsonUnsafe } from '../lib/text.js';
import type { Finding } from '../types.js';

/** The JSON object of one finding. */
export function findingToJson(finding: Finding): Record<string, unknown> {
  const { event } = finding;
  return {
    ruleId: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    cloud: event.cloud,
    eventId: event.id,
    eventTime: event.time,
    actor: event.actor,
    resource: finding.resource,
    title: finding.title,
    // Evidence comes from the log: bounded in depth and size so no record can break the output.
    evidence: boundedJson(finding.evidence),
    remediation: finding.remediation
      ? { ...finding.remediation, status: finding.remediationOutcome?.status ?? 'skipped', reason: finding.remediationOutcome?.reason ?? 'remediation not run' }
      : null,
    action: event.action,
    scope: event.scope,
    ...(event.region ? { region: event.region } : {}),
    ...(event.source ? { source: event.source } : {}),
    ...(finding.suppressed ? { suppressed: finding.suppressed } : {}),
    ...(finding.sigma ? { sigma: finding.sigma } : {}),
  };
}

const WHOLE_LINE = { maxDepth: 64, maxBytes: 4 * 1024 * 1024, maxString: 1024 * 1024 } as const;

/** One line of JSON per finding. */
export function formatJsonLines(findings: readonly Finding[]): string {
  // Every field may carry log content (remediation parameters, resource names): bound the whole line too,
  // and escape what JSON.stringify leaves raw (C1, bidi controls, U+2028/U+2029) so no viewer can be fooled.
  return findings.map((f) => `${escapeJsonUnsafe(JSON.stringify(boundedJson(findingToJson(f), WHOLE_LINE)))}\n`).join('');
}
