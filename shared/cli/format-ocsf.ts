/**
 * `scan --format ocsf`: one OCSF Detection Finding (class 2004, category 2
 * Findings, schema 1.3.0) per line, for a SIEM.
 *
 * Mapping: `finding_info.uid` = the dedup key, `finding_info.analytic` = the
 * rule (type Rule), `severity_id` from our severity (info 1 … critical 5),
 * `time` = the event time in epoch ms, `cloud` = provider/region/account,
 * `actor.user`, `src_endpoint` (ip, or domain for AWS service callers),
 * `api` (operation, service), `resources`, `evidences` (the exact grant /
 * CIDR / statement), `remediation` (the plan and what became of it),
 * `status_id` 3 Suppressed for allow-listed findings, else 1 New.
 */
import { escapeJsonUnsafe } from '../lib/text.js';
import type { Finding, Severity } from '../types.js';

/** The OCSF schema version the output follows. */
export const OCSF_VERSION = '1.3.0';

const SEVERITY_ID: Readonly<Record<Severity, number>> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Readonly<Record<Severity, string>> = {
  info: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

declare const __VERSION__: string | undefined;
const PRODUCT_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function endpoint(ip: string | undefined): Record<string, string> | undefined {
  if (!ip) return undefined;
  return IPV4.test(ip) || ip.includes(':') ? { ip } : { domain: ip };
}

/** The OCSF Detection Finding of one finding. */
export function findingToOcsf(finding: Finding): Record<string, unknown> {
  const { event } = finding;
  const time = Date.parse(event.time);
  const account = event.scope.account ?? event.scope.cloud;
  const suppressed = finding.suppressed !== undefined;
  const outcome = finding.remediationOutcome;
  return compact({
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: 1,
    activity_name: 'Create',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    severity_id: SEVERITY_ID[finding.severity],
    severity: SEVERITY_NAME[finding.severity],
    status_id: suppressed ? 3 : 1,
    status: suppressed ? 'Suppressed' : 'New',
    time: Number.isNaN(time) ? 0 : time,
    message: finding.title,
    finding_info: compact({
      uid: finding.dedupKey,
      title: finding.title,
      desc: finding.evidence.summary,
      types: [finding.category],
      analytic: { uid: finding.ruleId, name: finding.ruleId, type_id: 1, type: 'Rule', category: finding.category },
      data_sources: event.source ? [event.source.key] : undefined,
    }),
    cloud: compact({
      provider: event.cloud === 'aws' ? 'AWS' : 'Yandex Cloud',
      region: event.region,
      account: account ? compact({ uid: account, name: event.scope.cloudName }) : undefined,
      org: event.scope.organization ? { uid: event.scope.organization } : undefined,
      project_uid: event.scope.folder,
    }),
    actor: {
      user: compact({
        uid: event.actor.arn ?? event.actor.id,
        uid_alt: event.actor.arn ? event.actor.id : undefined,
        name: event.actor.name ?? event.actor.id ?? 'unknown',
        type: event.actor.type,
        account: event.actor.accountId ? { uid: event.actor.accountId } : undefined,
      }),
    },
    src_endpoint: endpoint(event.actor.sourceIp),
    http_request: event.actor.userAgent ? { user_agent: event.actor.userAgent } : undefined,
    api: { operation: event.action, service: { name: event.service } },
    resources: [compact({ uid: finding.resource.id, name: finding.resource.name, type: finding.resource.type, region: event.region })],
    evidences: [{ data: { summary: finding.evidence.summary, ...finding.evidence.details } }],
    remediation: finding.remediation
      ? compact({
          desc: finding.remediation.summary,
          references: finding.resource.consoleUrl ? [finding.resource.consoleUrl] : undefined,
          plan: { action: finding.remediation.action, target: finding.remediation.target },
          status: outcome?.status ?? 'skipped',
          reason: outcome?.reason ?? 'remediation not run',
        })
      : undefined,
    metadata: compact({
      version: OCSF_VERSION,
      product: { name: 'audit-responder', vendor_name: 'audit-responder', version: PRODUCT_VERSION },
      uid: event.id,
      original_time: event.time,
      log_name: event.source ? `${event.source.key}#${event.source.index}` : undefined,
    }),
    unmapped: finding.suppressed ? { suppressed_reason: finding.suppressed.reason } : undefined,
  });
}

/** One OCSF Detection Finding per line. */
export function formatOcsfLines(findings: readonly Finding[]): string {
  return findings.map((f) => `${escapeJsonUnsafe(JSON.stringify(findingToOcsf(f)))}\n`).join('');
}
