/**
 * The rule engine: rules indexed by action (an event no rule cares about
 * costs one map lookup), config applied (switches, severity overrides,
 * allow-lists), and a throwing rule contained as a {@link RuleError}.
 */
import type { Config } from '../config/schema.js';
import { RuleError } from '../errors.js';
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { type AllowMatcher, actorIdentifiers, compileAllowList, firstMatch, resourceIdentifiers } from './allow-list.js';
import { TrailRegistry } from '../rules/lib/trail-context.js';

/** Findings and contained rule failures for one event. */
export interface Evaluation {
  readonly findings: Finding[];
  readonly errors: RuleError[];
}

/** A ready-to-run set of rules. */
export interface Engine {
  /** The enabled rules. */
  readonly rules: readonly Rule[];
  /** Prefilter: does any enabled rule look at this action? */
  wants(action: string): boolean;
  /** Run every rule indexed under the event's action. */
  evaluate(event: AuditEvent): Evaluation;
  /** Trail context (issue #14): seeded from config `trails:`, learned from CreateTrail/UpdateTrail after the rules ran. */
  readonly trails: TrailRegistry;
}

/** Build the engine from all rules and the configuration. */
export function createEngine(rules: readonly Rule[], config: Config): Engine {
  const enabled = rules.filter((r) => config.rules[r.id]?.enabled !== false);
  const byAction = new Map<string, Rule[]>();
  for (const rule of enabled) {
    for (const action of rule.actions) {
      const list = byAction.get(action) ?? [];
      list.push(rule);
      byAction.set(action, list);
    }
  }
  const principals = compileAllowList(config.allow.principals);
  const resources = compileAllowList(config.allow.resources);
  const ownAccounts = new Set(config.ownAccounts);
  // Trail context (issue #14): one registry per engine, shared by every event of the run.
  const trails = new TrailRegistry(config.trails ?? []);
  const minLogRetentionDays = config.tampering?.minLogRetentionDays ?? 30;

  return {
    rules: enabled,
    trails,
    wants: (action) => byAction.has(action),
    evaluate(event) {
      const findings: Finding[] = [];
      const errors: RuleError[] = [];
      const candidates = byAction.get(event.action);
      if (!candidates) return { findings, errors };
      const context: RuleContext = { ownAccounts: withEventAccount(ownAccounts, event), trails, minLogRetentionDays };
      for (const rule of candidates) {
        try {
          for (const found of rule.match(event, context)) {
            findings.push(applyConfig(found, config, principals, resources));
          }
        } catch (error) {
          errors.push(new RuleError(rule.id, event.id, { cause: error }));
        }
      }
      trails.learn(event);
      return { findings, errors };
    },
  };
}

/** The account a record was logged in is always ours. */
function withEventAccount(own: ReadonlySet<string>, event: AuditEvent): ReadonlySet<string> {
  const account = event.scope.account;
  if (!account || own.has(account)) return own;
  return new Set([...own, account]);
}

function applyConfig(
  finding: Finding,
  config: Config,
  principals: readonly AllowMatcher[],
  resources: readonly AllowMatcher[],
): Finding {
  const override = config.rules[finding.ruleId]?.severity;
  const withSeverity = override ? { ...finding, severity: override } : finding;
  const byActor = firstMatch(principals, actorIdentifiers(finding.event.actor));
  const byResource = byActor ? undefined : firstMatch(resources, resourceIdentifiers(finding.resource));
  const hit = byActor ?? byResource;
  if (!hit) return withSeverity;
  const what = byActor ? 'actor' : 'resource';
  const reason = `${what} matches allow-list entry "${hit.pattern}"${hit.reason ? `: ${hit.reason}` : ''}`;
  return { ...withSeverity, suppressed: { reason } };
}
