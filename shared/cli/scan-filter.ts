/**
 * The incident-review filters of `scan`, applied around the rule engine so
 * every path (findings, notify, remediation) sees the same narrowed set:
 * the time range (records of the boundary days outside it are dropped by
 * event time), `--accounts` / `--regions` (for local files and Yandex keys,
 * which the listing cannot prune by account), `--actor` / `--resource`
 * patterns (`*` wildcards, case-insensitive), and with `--all-events` a sink
 * that receives every event the actor/resource filters keep.
 */
import { type KeyFilter, inRange } from '../io/key-layout.js';
import { compileAllowList, firstMatch } from '../config/allow-list.js';
import type { Engine } from '../rules/engine.js';
import type { AuditEvent, Finding } from '../types.js';

/** The filters of one scan. */
export interface ScanFilter extends KeyFilter {
  readonly actor?: string;
  readonly resource?: string;
}

/** The identities of an event's actor that `--actor` is matched against. */
export function actorValues(event: AuditEvent): (string | undefined)[] {
  const a = event.actor;
  return [a.arn, a.roleArn, a.id, a.name, a.accountId];
}

/** Resource identities in an event's request (`--all-events`: no finding names it). */
function requestValues(event: AuditEvent): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(event.request)) {
    if (typeof value === 'string' && /(^|_)(id|name|bucket|arn)$|Id$|Name$|Arn$/i.test(key)) out.push(value);
  }
  return out;
}

/**
 * Wrap an engine with the filters. With `onEvent`, every record is parsed
 * (not only those a rule wants) and each kept event is passed to it.
 */
export function filteredEngine(engine: Engine, filter: ScanFilter, onEvent?: (event: AuditEvent) => void): Engine {
  const actor = filter.actor ? compileAllowList([filter.actor]) : [];
  const resource = filter.resource ? compileAllowList([filter.resource]) : [];
  const eventKept = (event: AuditEvent) =>
    inRange(event.time, filter.range) &&
    (filter.accounts.length === 0 || filter.accounts.includes(event.scope.account ?? event.scope.cloud ?? '')) &&
    (filter.regions.length === 0 || filter.regions.includes(event.region ?? '')) &&
    (actor.length === 0 || firstMatch(actor, actorValues(event)) !== undefined);
  const findingKept = (f: Finding) =>
    resource.length === 0 || firstMatch(resource, [f.resource.id, f.resource.name]) !== undefined;
  return {
    ...engine,
    wants: onEvent ? () => true : (action) => engine.wants(action),
    evaluate(event) {
      if (!eventKept(event)) return { findings: [], errors: [] };
      const result = engine.wants(event.action) ? engine.evaluate(event) : { findings: [], errors: [] };
      const findings = result.findings.filter(findingKept);
      if (onEvent && (resource.length === 0 || findings.length > 0 || firstMatch(resource, requestValues(event)))) onEvent(event);
      return { findings, errors: result.errors };
    },
  };
}
