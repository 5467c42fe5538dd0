/**
 * The rule engine: rules indexed by action (an event no rule cares about
 * costs one map lookup), config applied (switches, severity overrides,
 * allow-lists), and a throwing rule contained as a {@link RuleError}.
 */
import type { Config } from '../config/schema.js';
import { RuleError } from '../errors.js';
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { type AllowMatcher, actorIdentifiers, compileAllowList, firstMatch, resourceIdentifiers } from '../config/allow-list.js';
import { TrailRegistry } from './lib/trail-context.js';
import { rawLiteralTest } from './lib/raw-literals.js';

/** Findings and contained rule failures for one event. */
export interface Evaluation {
  readonly findings: Finding[];
  readonly errors: RuleError[];
}

/**
 * The action prefilter. `bytes`, when present, asks the same question with
 * the record's raw JSON bytes at hand: a record that only rules which cannot
 * be indexed could want must also pass their raw-byte prefilter (see
 * {@link IndexedRule.rawLiterals}). It rides on the function itself, so a
 * wrapper that replaces `wants` (scan filters) drops it with it.
 */
export interface Wants {
  (action: string, service?: string): boolean;
  readonly bytes?: (action: string, service: string | undefined, bytes: Buffer, start: number, end: number) => boolean;
}

/** A ready-to-run set of rules. */
export interface Engine {
  /** The enabled rules. */
  readonly rules: readonly Rule[];
  /**
   * Prefilter: does any enabled rule look at a record with this action
   * (CloudTrail `eventName` / Yandex `event_type`)? Pass the record's service
   * (`eventSource` / `event_source`) when it is at hand: rules indexed by
   * service only are then filtered too; without it they count as wanting it.
   * Always true when a rule that cannot be indexed exists.
   */
  readonly wants: Wants;
  /** How many enabled rules run on every parsed record (they cannot be indexed). */
  readonly unindexed: number;
  /** Run every rule indexed under the event's action. */
  evaluate(event: AuditEvent): Evaluation;
  /** Trail context (issue #14): seeded from config `trails:`, learned from CreateTrail/UpdateTrail after the rules ran. */
  readonly trails: TrailRegistry;
  /** Apply the config (severity override, allow-lists) to a finding made outside `evaluate` (correlations). */
  finalize(finding: Finding): Finding;
}

/**
 * A rule indexed case-insensitively (Sigma values compare so): by lower-cased
 * actions, else by lower-cased services, else run on every record.
 */
export interface IndexedRule {
  readonly rule: Rule;
  readonly actions?: readonly string[];
  /** Action prefixes (lower-cased); with `actions`, either indexes the rule. */
  readonly actionPrefixes?: readonly string[];
  readonly services?: readonly string[];
  /**
   * For a rule with no index: lower-cased ASCII literals of which the JSON
   * text of every record it matches holds one (escapes decoded, lower-cased).
   * When every such rule has them, records only they could want are searched
   * for them in their raw bytes and skipped unparsed when none is there.
   */
  readonly rawLiterals?: readonly string[];
}

/** Extra rules beside the built-in ones. */
export interface EngineOptions {
  readonly extra?: readonly IndexedRule[];
}

/** Build the engine from all rules and the configuration. */
export function createEngine(rules: readonly Rule[], config: Config, options: EngineOptions = {}): Engine {
  const enabled = rules.filter((r) => config.rules[r.id]?.enabled !== false);
  const extra = (options.extra ?? []).filter((x) => config.rules[x.rule.id]?.enabled !== false);
  const byLowerAction = new Map<string, Rule[]>();
  const byLowerService = new Map<string, Rule[]>();
  const everyRecord: Rule[] = [];
  const everyRecordLiterals: (readonly string[] | undefined)[] = [];
  const byPrefix: [string, Rule][] = [];
  const add = (map: Map<string, Rule[]>, key: string, rule: Rule) => {
    const list = map.get(key) ?? [];
    if (!list.includes(rule)) list.push(rule);
    map.set(key, list);
  };
  for (const x of extra) {
    if (x.actions || x.actionPrefixes) {
      for (const a of x.actions ?? []) add(byLowerAction, a.toLowerCase(), x.rule);
      for (const p of x.actionPrefixes ?? []) byPrefix.push([p.toLowerCase(), x.rule]);
    } else if (x.services) for (const s of x.services) add(byLowerService, s.toLowerCase(), x.rule);
    else {
      everyRecord.push(x.rule);
      everyRecordLiterals.push(x.rawLiterals && x.rawLiterals.length > 0 ? x.rawLiterals : undefined);
    }
  }
  const hasExtra = extra.length > 0;
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
  const contextOf = ruleContexts(ownAccounts, trails, minLogRetentionDays);

  const candidatesFor = (action: string, service: string): readonly Rule[] | undefined => {
    const builtin = byAction.get(action);
    const lower = action.toLowerCase();
    const more = [
      ...(byLowerAction.get(lower) ?? []),
      ...byPrefix.filter(([p, r]) => lower.startsWith(p) && !byLowerAction.get(lower)?.includes(r)).map(([, r]) => r),
      ...(byLowerService.get(service.toLowerCase()) ?? []),
      ...everyRecord,
    ];
    if (more.length === 0) return builtin;
    return builtin ? [...builtin, ...more] : more;
  };
  // With extra rules both answers depend on the action and service only: asked once per pair.
  const candidatesMemo = pairMemo(candidatesFor);
  const candidatesOf = (event: AuditEvent): readonly Rule[] | undefined =>
    hasExtra ? candidatesMemo(event.action, event.service) : byAction.get(event.action);

  /** Does a built-in or an indexed extra rule want the record? */
  const indexedWants = pairMemo(
    (action: string, service: string | undefined) =>
      byAction.has(action) ||
      byLowerAction.has(action.toLowerCase()) ||
      (byPrefix.length > 0 && byPrefix.some(([p]) => action.toLowerCase().startsWith(p))) ||
      (byLowerService.size > 0 && (service === undefined || byLowerService.has(service.toLowerCase()))),
  );
  const wantsWithExtra = (): Wants => {
    const wants = (action: string, service?: string) => everyRecord.length > 0 || indexedWants(action, service);
    if (everyRecord.length === 0 || everyRecordLiterals.some((l) => l === undefined)) return wants;
    const raw = rawLiteralTest([...new Set(everyRecordLiterals.flatMap((l) => l as readonly string[]))]);
    return Object.assign(wants, {
      bytes: (action: string, service: string | undefined, bytes: Buffer, start: number, end: number) =>
        indexedWants(action, service) || raw(bytes, start, end),
    });
  };

  return {
    rules: [...enabled, ...extra.map((x) => x.rule)],
    unindexed: everyRecord.length,
    trails,
    wants: hasExtra ? wantsWithExtra() : (action) => byAction.has(action),
    finalize: (finding) => applyConfig(finding, config, principals, resources),
    evaluate(event) {
      const findings: Finding[] = [];
      const errors: RuleError[] = [];
      const candidates = candidatesOf(event);
      if (!candidates) return { findings, errors };
      const context = contextOf(event);
      for (let i = 0; i < candidates.length; i++) {
        const rule = candidates[i] as Rule;
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

/** Contexts kept per foreign account; past this many, one is made per event as before. */
const MAX_CACHED_CONTEXTS = 1024;

/**
 * The rule context of an event: the configured accounts plus the account
 * the record was logged in, which is always ours. Made once per account,
 * not per event: most records of a run come from a handful of accounts.
 */
function ruleContexts(
  own: ReadonlySet<string>,
  trails: TrailRegistry,
  minLogRetentionDays: number,
): (event: AuditEvent) => RuleContext {
  const ours: RuleContext = { ownAccounts: own, trails, minLogRetentionDays };
  const byAccount = new Map<string, RuleContext>();
  return (event) => {
    const account = event.scope.account;
    if (!account || own.has(account)) return ours;
    const known = byAccount.get(account);
    if (known) return known;
    const context: RuleContext = { ownAccounts: withEventAccount(own, event), trails, minLogRetentionDays };
    if (byAccount.size < MAX_CACHED_CONTEXTS) byAccount.set(account, context);
    return context;
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
  // No allow-list entries (the default) match nothing: skip listing identifiers.
  const byActor = principals.length > 0 ? firstMatch(principals, actorIdentifiers(finding.event.actor)) : undefined;
  const byResource = byActor || resources.length === 0 ? undefined : firstMatch(resources, resourceIdentifiers(finding.resource));
  const hit = byActor ?? byResource;
  if (!hit) return withSeverity;
  const what = byActor ? 'actor' : 'resource';
  const reason = `${what} matches allow-list entry "${hit.pattern}"${hit.reason ? `: ${hit.reason}` : ''}`;
  return { ...withSeverity, suppressed: { reason } };
}

/** Distinct (action, service) pairs remembered by {@link pairMemo} before it starts over. */
const PAIR_MEMO_SIZE = 4096;

/** `answer` remembered per (action, service) pair: a record's answer depends on nothing else. */
function pairMemo<S extends string | undefined, T>(answer: (action: string, service: S) => T): (action: string, service: S) => T {
  let memo = new Map<string, Map<S, T>>();
  let size = 0;
  return (action, service) => {
    let byService = memo.get(action);
    if (byService?.has(service)) return byService.get(service) as T;
    const value = answer(action, service);
    if (size >= PAIR_MEMO_SIZE) {
      memo = new Map();
      size = 0;
      byService = undefined;
    }
    if (byService === undefined) {
      byService = new Map();
      memo.set(action, byService);
    }
    byService.set(service, value);
    size += 1;
    return value;
  };
}
