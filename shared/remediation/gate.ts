/**
 * The remediation gate: decides, for each finding, whether its plan runs,
 * and runs it exactly once. Off unless the rule is switched on; never for
 * suppressed findings, protected principals or resources, failed events,
 * events caused by the responder itself, plans whose target fails the
 * action's schema, or changes outside the account / region / folders the
 * responder acts in. `dry-run` reports what would be done without calling
 * anything. An action's failure becomes a `failed` outcome and never
 * blocks the alert.
 *
 * Exactly once, across crashes and concurrent deliveries, with the ledger's
 * leased entries: claim (owner = this invocation, lease) → run the action →
 * complete with the outcome. A completed entry reports the earlier outcome
 * and when; an expired claim (its claimant died) is taken over and the
 * action runs again (actions read the current state first); a live claim
 * of another invocation is waited for briefly, then deferred (`skipped`,
 * `retryable`), never reported as success. No claim, no action: a ledger
 * that cannot be reached means "not applied". Each decision and each
 * change is logged as a structured record.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/schema.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import { compileAllowList, firstMatch } from '../config/allow-list.js';
import type { Ledger } from '../store/ledger.js';
import { REMEDIATION_STATUSES, type Finding, type JsonValue, type RemediationOutcome, type RemediationPlan } from '../types.js';
import type { ActionContext, RemediationAction } from './action.js';
import { firstIssue } from './lib/targets.js';
import { accountUnknown, otherAccount, outsideScope } from './lib/scope.js';
import { withDeadline } from './lib/deadline-context.js';

/** What remediation needs. */
export interface RemediateDeps {
  readonly config: Config;
  readonly actions: ReadonlyMap<string, RemediationAction>;
  /** Built on first enforce (clients are loaded lazily). */
  readonly context: () => ActionContext;
  readonly logger: Logger;
  /** Claims and outcomes across retries. @default none: every action runs (local runs only) */
  readonly ledger?: Ledger;
  /** Treat every rule as switched on (local `scan --remediate dry-run`, to review plans). @default false */
  readonly everyRule?: boolean;
  /** The responder's AWS account (configured `remediation.accountId`, else STS). Required to act on AWS findings. */
  readonly awsAccount?: () => Promise<string>;
  /** This invocation's id, the owner of its claims. @default a new random id per call of {@link remediate} */
  readonly owner?: string;
  /** How long a claim holds without completion. @default actionTimeoutMs + 5000 */
  readonly leaseMs?: number;
  /** Deadline of one action. @default 25000 */
  readonly actionTimeoutMs?: number;
  /** How long to wait for another invocation's live claim before deferring. @default 3000 */
  readonly waitMs?: number;
  /** Pause between looks at a held claim. @default 250 */
  readonly pollMs?: number;
}

const skip = (reason: string, retryable = false): RemediationOutcome => ({ status: 'skipped', reason, ...(retryable ? { retryable } : {}) });

/** The decision for one finding before any call; `undefined` means "go on". */
function gate(finding: Finding, deps: RemediateDeps, guards: Guards): RemediationOutcome | undefined {
  const { config } = deps;
  const plan = finding.remediation;
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
  const action = deps.actions.get(plan.action);
  if (!action) return skip(`no action "${plan.action}" is available`);
  const parsed = action.target.safeParse(plan.target);
  if (!parsed.success) return skip(`malformed plan for ${action.id}: ${firstIssue(parsed.error)}`);
  if (action.breaking && config.remediation.allowBreakingChanges !== true) {
    return skip(`${action.id} is a breaking change (${action.breaking}): not applied unless remediation.allowBreakingChanges is true`);
  }
  const outside = outsideScope(finding, config.remediation);
  if (outside) return skip(outside);
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
  const owner = deps.owner ?? randomUUID();
  const out: Finding[] = [];
  for (const finding of findings) {
    const decided = gate(finding, deps, guards) ?? (await inAccount(finding, deps)) ?? (await run(finding, deps, owner));
    out.push({ ...finding, remediationOutcome: decided });
  }
  return out;
}

/** AWS: `skipped` when the change is in another account than the responder's; then the dry-run answer. */
async function inAccount(finding: Finding, deps: RemediateDeps): Promise<RemediationOutcome | undefined> {
  const plan = finding.remediation as RemediationPlan;
  const dryRun: RemediationOutcome = { status: 'would-do', reason: `dry-run: would ${plan.summary}` };
  const enforce = deps.config.remediation.mode === 'enforce';
  if (finding.event.cloud === 'aws' && (enforce || deps.config.remediation.accountId)) {
    let own: string;
    try {
      own = deps.config.remediation.accountId ?? (await (deps.awsAccount ?? noAccount)());
    } catch (error) {
      deps.logger.log('error', 'remediation account unknown', { dedupKey: finding.dedupKey, reason: describeError(error) });
      return skip(accountUnknown(error), true);
    }
    const other = otherAccount(finding, own);
    if (other) return skip(other);
  }
  return enforce ? undefined : dryRun;
}

const noAccount = (): Promise<string> => Promise.reject(new Error('no account source'));

/** Run the plan under a ledger claim. */
async function run(finding: Finding, deps: RemediateDeps, owner: string): Promise<RemediationOutcome> {
  const plan = finding.remediation as RemediationPlan;
  const action = deps.actions.get(plan.action) as RemediationAction;
  const ledger = deps.ledger;
  if (!ledger) return act(action, plan, finding, deps);
  const key = `remediation:${finding.dedupKey}`;
  const ledgerName = ledger.name ?? 'ledger';
  const actionTimeoutMs = deps.actionTimeoutMs ?? 25_000;
  const lease = { owner, leaseMs: deps.leaseMs ?? actionTimeoutMs + 5_000 };
  const waitUntil = Date.now() + (deps.waitMs ?? 3_000);
  for (;;) {
    let claim: Awaited<ReturnType<Ledger['acquire']>>;
    try {
      claim = await ledger.acquire(key, lease);
    } catch (error) {
      const reason = describeError(error);
      deps.logger.log('error', 'remediation not applied: ledger unavailable', { ledger: ledgerName, action: action.id, dedupKey: finding.dedupKey, reason });
      return skip(`not applied: ledger unavailable (${ledgerName}: ${reason}); nothing is changed without a claim`, true);
    }
    if (claim.state === 'completed') return earlier(claim.at, claim.value);
    if (claim.state === 'claimed') {
      if (!claim.takenOver) return claimed(key, action, plan, finding, deps, owner);
      deps.logger.log('warn', 'remediation claim taken over', { ledger: ledgerName, action: action.id, dedupKey: finding.dedupKey, owner });
      const result = await claimed(key, action, plan, finding, deps, owner);
      return { ...result, reason: `${result.reason} (an earlier delivery was cut off before recording an outcome; the current state was read again)` };
    }
    if (Date.now() >= waitUntil) {
      const until = new Date(claim.expiresAt).toISOString();
      deps.logger.log('warn', 'remediation deferred', { ledger: ledgerName, action: action.id, dedupKey: finding.dedupKey, heldBy: claim.owner, until });
      return skip(`deferred: another invocation (${claim.owner}) is applying this remediation (claim until ${until}); not applied by this delivery, to be retried`, true);
    }
    await new Promise((resolve) => setTimeout(resolve, deps.pollMs ?? 250));
  }
}

/** The action under our claim; then the outcome is recorded (a failure releases the claim so a retry acts again). */
async function claimed(key: string, action: RemediationAction, plan: RemediationPlan, finding: Finding, deps: RemediateDeps, owner: string): Promise<RemediationOutcome> {
  const ledger = deps.ledger as Ledger;
  const result = await act(action, plan, finding, deps);
  const record = { status: result.status, reason: result.reason };
  try {
    if (result.status === 'failed') {
      // A timed-out action may have half-applied: the claim stays until its lease ends, then a retry reads the state again.
      if (!result.reason.includes('did not finish within')) await ledger.release(key);
    } else {
      await ledger.complete(key, owner, record);
    }
  } catch (error) {
    deps.logger.log('error', 'remediation outcome not recorded', { ledger: ledger.name ?? 'ledger', dedupKey: finding.dedupKey, reason: describeError(error) });
  }
  return result;
}

/** Run the action with its deadline and log the outcome. */
async function act(action: RemediationAction, plan: RemediationPlan, finding: Finding, deps: RemediateDeps): Promise<RemediationOutcome> {
  const timeoutMs = deps.actionTimeoutMs ?? 25_000;
  // At the deadline the action's calls are aborted (their signal) and its outcome is `failed`, whatever it still does.
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let result: RemediationOutcome;
  try {
    const deadline = new Promise<RemediationOutcome>((resolve) => {
      timer = setTimeout(() => {
        resolve({ status: 'failed', reason: `${action.id} did not finish within ${timeoutMs / 1000}s; its state is read again on retry` });
        abort.abort(new Error(`${action.id}: deadline of ${timeoutMs / 1000}s reached`));
      }, timeoutMs);
    });
    result = await Promise.race([action.apply(plan, finding, withDeadline(deps.context(), abort.signal)), deadline]);
  } catch (error) {
    result = { status: 'failed', reason: describeError(error) };
  } finally {
    clearTimeout(timer);
  }
  deps.logger.log(result.status === 'failed' ? 'error' : 'info', 'remediation', {
    action: action.id,
    dedupKey: finding.dedupKey,
    target: plan.target,
    status: result.status,
    reason: result.reason,
    changes: result.changes ?? [],
  });
  return result;
}

/** The outcome an earlier delivery recorded, said as such. */
function earlier(at: string, value: JsonValue | undefined): RemediationOutcome {
  const v = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { status?: unknown; reason?: unknown }) : {};
  const status = REMEDIATION_STATUSES.find((s) => s === v.status);
  const when = at ? ` at ${at}` : '';
  if (!status) return skip(`handled by an earlier delivery${when}, whose outcome was not recorded; check the resource by hand`);
  return { status, reason: `${status} by an earlier delivery${when}: ${typeof v.reason === 'string' ? v.reason : ''}` };
}
