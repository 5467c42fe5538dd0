/**
 * Builds a {@link Finding} from a rule, an event and what the rule found, so
 * every rule fills the same fields the same way (dedup key included).
 */
import type {
  AuditEvent,
  Evidence,
  Finding,
  RemediationPlan,
  Resource,
  Rule,
  Severity,
} from '../../types.js';

/** What a rule supplies for one finding; the rest comes from the rule itself. */
export interface FindingInput {
  readonly resource: Resource;
  readonly evidence: Evidence;
  /** Raise or lower the rule's base severity from the evidence. @default rule.severity */
  readonly severity?: Severity;
  /** How to undo it, or `null` when nothing exact can be done. @default null */
  readonly remediation?: RemediationPlan | null;
  /** A more specific title. @default rule.title */
  readonly title?: string;
}

/** The stable identity of a finding: rule, event and resource, never a time. */
export function dedupKey(ruleId: string, eventId: string, resourceId: string): string {
  return `${ruleId}:${eventId}:${resourceId}`;
}

/** Assemble a finding for `rule` on `event`. */
export function makeFinding(
  rule: Pick<Rule, 'id' | 'category' | 'severity' | 'title'>,
  event: AuditEvent,
  input: FindingInput,
): Finding {
  return {
    ruleId: rule.id,
    category: rule.category,
    severity: input.severity ?? rule.severity,
    title: input.title ?? rule.title,
    event,
    resource: input.resource,
    evidence: input.evidence,
    remediation: input.remediation ?? null,
    dedupKey: dedupKey(rule.id, event.id, input.resource.id),
  };
}

/**
 * True when the event is a change that took effect and one of `actions`;
 * every rule's `match` starts with it (the engine prefilters too, but a rule
 * stays correct when called directly).
 */
export function succeeded(event: AuditEvent, actions: readonly string[]): boolean {
  return event.outcome === 'success' && actions.includes(event.action);
}
