/**
 * Runs correlation rules over the findings of the detection rules they
 * refer to: each match is added to its group's window in the store; when a
 * window meets the condition and its burst was not reported yet, one
 * finding names the events that made it.
 */
import { dedupKey } from '../rules/lib/finding.js';
import type { CorrelationObservation, CorrelationStore } from '../store/correlation-store.js';
import type { Finding } from '../types.js';
import { lookupField } from './fields.js';
import { LEVEL_SEVERITY, sigmaInfo, sigmaRuleId } from './finding.js';
import type { ResolvedCorrelation } from './loader.js';
import { meetsCondition } from './correlation.js';

/** What a correlation stage needs from the engine. */
export interface CorrelateDeps {
  readonly store: CorrelationStore;
  /** Config applied to a new finding (severity override, allow-lists). */
  readonly finalize: (finding: Finding) => Finding;
  /** Whether a correlation's rule id is switched on. */
  readonly enabled: (ruleId: string) => boolean;
}

/** Feed findings to the correlations; returns the findings to keep plus the correlation findings. */
export async function correlate(
  findings: readonly Finding[],
  correlations: readonly ResolvedCorrelation[],
  deps: CorrelateDeps,
): Promise<Finding[]> {
  const active = correlations.filter((c) => deps.enabled(sigmaRuleId(c.meta.id)));
  const kept = findings.filter((f) => !f.sigma?.correlationInput);
  if (active.length === 0) return kept;
  const inputs = findings
    .filter((f) => f.sigma?.kind === 'detection' && !f.suppressed)
    .sort((a, b) => timeOf(a) - timeOf(b));
  const out: Finding[] = [];
  for (const f of inputs) {
    for (const c of active) {
      if (!f.sigma || !c.ruleIds.includes(f.sigma.id)) continue;
      const made = await observe(c, f, deps.store);
      if (made) out.push(deps.finalize(made));
    }
  }
  return [...kept, ...out];
}

function timeOf(f: Finding): number {
  const t = Date.parse(f.event.time);
  return Number.isNaN(t) ? 0 : t;
}

function fieldFor(c: ResolvedCorrelation, name: string, ruleId: string): string {
  const alias = c.aliases[name];
  if (!alias) return name;
  return alias[c.refOf[ruleId] ?? ruleId] ?? alias[ruleId] ?? name;
}

function fieldText(record: unknown, field: string): string {
  const found = lookupField(record, field);
  const v = found.values.find((x) => x !== null && x !== undefined);
  return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

async function observe(c: ResolvedCorrelation, f: Finding, store: CorrelationStore): Promise<Finding | undefined> {
  const ruleId = f.sigma?.id as string;
  const group = Object.fromEntries(c.groupBy.map((g) => [g, fieldText(f.event.raw, fieldFor(c, g, ruleId))]));
  const key = `${c.meta.id}#${JSON.stringify(Object.values(group))}`;
  const observation: CorrelationObservation = {
    eventId: f.event.id,
    rule: ruleId,
    time: timeOf(f),
    ...(c.type === 'value_count' && c.field ? { value: fieldText(f.event.raw, fieldFor(c, c.field, ruleId)) } : {}),
  };
  const window = await store.add(key, observation, c.timespanMs);
  // The satisfying window that starts latest: if it was reported, every earlier one was too.
  let best: CorrelationObservation[] | undefined;
  for (let i = 0; i < window.length; i += 1) {
    const start = window[i] as CorrelationObservation;
    if (start.time > observation.time || observation.time - start.time > c.timespanMs) continue;
    const members = window.filter((o) => o.time >= start.time && o.time <= start.time + c.timespanMs);
    if (!members.some((o) => o.eventId === observation.eventId && o.rule === observation.rule)) continue;
    if (meetsCondition(c.condition, metric(c, members))) best = members;
  }
  if (!best) return undefined;
  const first = best[0] as CorrelationObservation;
  const last = best[best.length - 1] as CorrelationObservation;
  if (!(await store.claim(key, first.time, last.time + c.timespanMs))) return undefined;
  return correlationFinding(c, f, best, group, metric(c, best));
}

/** The counted quantity of a window. */
function metric(c: ResolvedCorrelation, members: readonly CorrelationObservation[]): number {
  switch (c.type) {
    case 'event_count':
      return members.length;
    case 'value_count':
      return new Set(members.map((m) => m.value).filter((v) => v !== undefined && v !== '')).size;
    case 'temporal':
      return new Set(members.map((m) => m.rule)).size;
    case 'temporal_ordered': {
      // How many of the rules appear in the written order.
      let next = 0;
      for (const m of members) if (m.rule === c.ruleIds[next]) next += 1;
      return next;
    }
  }
}

function correlationFinding(
  c: ResolvedCorrelation,
  last: Finding,
  members: readonly CorrelationObservation[],
  group: Record<string, string>,
  count: number,
): Finding {
  const ruleId = sigmaRuleId(c.meta.id);
  const groupText = Object.entries(group).map(([k, v]) => `${k}=${v}`).join(', ') || 'all events';
  const span = Math.round(((members.at(-1)?.time ?? 0) - (members[0]?.time ?? 0)) / 1000);
  const what = c.type === 'value_count' ? `${count} distinct ${c.field}` : c.type === 'event_count' ? `${count} events` : `${count} of ${c.ruleIds.length} rules${c.type === 'temporal_ordered' ? ' in order' : ''}`;
  const summary = `Sigma correlation "${c.meta.title}" (by ${c.meta.author}): ${what} within ${span}s for ${groupText}`;
  const resource = { type: 'sigma-correlation-group', id: groupText };
  return {
    ruleId,
    category: 'sigma',
    severity: LEVEL_SEVERITY[c.meta.level],
    title: c.meta.title,
    event: last.event,
    resource,
    evidence: {
      summary,
      details: {
        type: c.type,
        count,
        group,
        events: members.map((m) => ({ eventId: m.eventId, rule: m.rule, time: new Date(m.time).toISOString(), ...(m.value !== undefined ? { value: m.value } : {}) })),
      },
    },
    remediation: null,
    dedupKey: dedupKey(ruleId, members[0]?.eventId ?? last.event.id, groupText),
    sigma: sigmaInfo(c.meta, 'correlation'),
  };
}
