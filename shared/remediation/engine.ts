/**
 * Decides, for each finding, whether its plan runs, and runs it: off unless
 * the rule is switched on; never for suppressed findings, protected
 * principals or resources, failed events, or events caused by the responder
 * itself; `dry-run` reports what would be done without calling anything. An
 * action's failure becomes a `failed` outcome and never blocks the alert.
 * Each decision and each change is logged as a structured record.
 */
import type { Config } from '../config/schema.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Ledger } from '../store/ledger.js';
import { compileAllowList, firstMatch } from '../pipeline/allow-list.js';
import type { Finding, RemediationOutcome } from '../types.js';
import type { ActionContext, RemediationAction } from './action.js';

/** What remediation needs. */
export interface RemediateDeps {
  readonly config: Config;
  readonly actions: ReadonlyMap<string, RemediationAction>;
  /** Built on first enforce (clients are loaded lazily). */
  readonly context: () => ActionContext;
  readonly logger: Logger;
  /** Remembers done remediations across retries. */
  readonly ledger?: Ledger;
  /** Treat every rule as switched on (local `scan --remediate dry-run`, to review plans). @default false */
  readonly everyRule?: boolean;
}

/** The decision for one finding, before any action runs; `undefined` means "run it". */
function gate(finding: Finding, deps: RemediateDeps, guards: Guards): RemediationOutcome | undefined {
  const { config } = deps;
  const plan = finding.remediation;
  const skip = (reason: string): RemediationOutcome => ({ status: 'skipped', reason });
  if (!plan) return skip('no automatic fix for this finding');
  if (config.remediation.mode === 'off') return skip('remediation is off (remediation.mode)');
  if (!deps.everyRule && !config.rules[finding.ruleId]?.remediate) return skip(`not switched on for this rule (rules.${finding.ruleId}.remediate)`);
  if (finding.suppressed) return skip(`allow-listed: ${finding.suppressed.reason}`);
  if (finding.event.outcome !== 'success') return skip('the audited call did not take effect');
  const actor = finding.event.actor;
  const actorIds = [actor.arn, actor.roleArn, actor.id, actor.name];
  const self = firstMatch(guards.self, actorIds);
  if (self) return skip(`caused by the responder's own identity (${self.pattern}): not acted on, to avoid loops`);
  const principal = firstMatch(guards.principals, actorIds);
  if (principal) return skip(`actor is protected by remediation.protect ("${principal.pattern}")`);
  const resource = firstMatch(guards.resources, [finding.resource.id, finding.resource.name]);
  if (resource) return skip(`resource is protected by remediation.protect ("${resource.pattern}")`);
  if (!deps.actions.has(plan.action)) return skip(`no action "${plan.action}" is available`);
  if (config.remediation.mode === 'dry-run') return { status: 'would-do', reason: `dry-run: would ${plan.summary}` };
  return undefined;
}

interface Guards {
  readonly self: ReturnType<typeof compileAllowList>;
  readonly principals: ReturnType<typeof compileAllowList>;
  readonly resources: ReturnType<typeof compileAllowList>;
}

/** Attach a remediation outcome to every finding, running the allowed plans. */
export async function remediate(findings: readonly Finding[], deps: RemediateDeps): Promise<Finding[]> {
  const r = deps.config.remediation;
  const guards: Guards = {
    self: compileAllowList(r.selfPrincipals),
    principals: compileAllowList(r.protect.principals),
    resources: compileAllowList(r.protect.resources),
  };
  const out: Finding[] = [];
  for (const finding of findings) {
    const decided = gate(finding, deps, guards) ?? (await run(finding, deps));
    out.push({ ...finding, remediationOutcome: decided });
  }
  return out;
}

async function run(finding: Finding, deps: RemediateDeps): Promise<RemediationOutcome> {
  const plan = finding.remediation;
  const action = plan && deps.actions.get(plan.action);
  if (!plan || !action) return { status: 'skipped', reason: 'no action' };
  const key = `remediation:${finding.dedupKey}`;
  // Claim first: a concurrent or repeated delivery of the same event cannot act twice.
  if (deps.ledger && !(await deps.ledger.claim(key))) {
    return { status: 'already-fixed', reason: 'handled by an earlier delivery of this event' };
  }
  let result: RemediationOutcome;
  try {
    result = await action.apply(plan, finding, deps.context());
  } catch (error) {
    result = { status: 'failed', reason: describeError(error) };
  }
  deps.logger.log(result.status === 'failed' ? 'error' : 'info', 'remediation', {
    action: action.id,
    dedupKey: finding.dedupKey,
    target: plan.target,
    status: result.status,
    reason: result.reason,
    changes: result.changes ?? [],
  });
  if (result.status === 'failed') await deps.ledger?.release(key);
  return result;
}
