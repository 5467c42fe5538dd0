/**
 * A silence-alarm transition as a {@link Finding}, so the configured
 * notifiers (Telegram, email, console) deliver it with their usual
 * rendering, escaping and per-destination dedup. Category
 * `audit-tampering`; the event is synthetic (the alarm is not an audit
 * record) and its id names the prefix and the last arrival.
 */
import type { AuditEvent, Finding } from '../types.js';
import type { HeartbeatAlert } from './check.js';

/** Rule ids the alarm's findings carry (not detection rules: nothing registers them). */
export const HEARTBEAT_RULE_IDS = { silent: 'heartbeat-logs-silent', resumed: 'heartbeat-logs-resumed' } as const;

/** Build the finding for one alert at `now`. */
export function alertFinding(alert: HeartbeatAlert, cloud: 'aws' | 'yandex', now: number): Finding {
  const at = new Date(now).toISOString();
  const ruleId = HEARTBEAT_RULE_IDS[alert.kind];
  // Stable across retries of the same transition: the prefix and the last arrival, never the run time.
  const id = `${ruleId}:${alert.prefix}:${alert.lastSeen ?? 'never'}`;
  const event: AuditEvent = {
    cloud,
    id,
    time: at,
    action: ruleId,
    service: 'audit-responder',
    outcome: 'success',
    actor: { name: 'audit-responder heartbeat' },
    scope: {},
    request: {},
    response: {},
    raw: { alert: { ...alert } },
  };
  const last = alert.lastSeen ? `last object arrived ${alert.lastSeen}` : `no object seen in the last ${alert.maxSilenceMinutes} minutes`;
  const silent = alert.kind === 'silent';
  return {
    ruleId,
    category: 'audit-tampering',
    severity: silent ? 'high' : 'medium',
    title: silent ? 'Audit logs went silent' : 'Audit logs arrive again',
    event,
    resource: { type: 'log-prefix', id: alert.prefix },
    evidence: {
      summary: silent ? `no new log object under ${alert.prefix} for ${alert.maxSilenceMinutes} minutes; ${last}` : `log objects arrive again under ${alert.prefix}; ${last}`,
      details: { prefix: alert.prefix, kind: alert.kind, maxSilenceMinutes: alert.maxSilenceMinutes, lastSeen: alert.lastSeen ?? null },
    },
    remediation: null,
    dedupKey: id,
  };
}
