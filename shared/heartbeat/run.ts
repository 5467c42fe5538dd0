/**
 * One scheduled run of the silence alarm over a runtime: check every
 * watched prefix, turn the transitions into findings, send them to the
 * runtime's notifiers. When a notifier fails, the transitions are undone
 * (so the next run alerts again; destinations that already got the alert
 * skip it by its stable dedup key) and a transient NotifyError is thrown.
 */
import { NotifyError, describeError } from '../errors.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { Notifier } from '../notifiers/notifier.js';
import type { Ledger } from '../store/ledger.js';
import type { Cloud } from '../types.js';
import { alertFinding } from './alert-finding.js';
import { checkSilence } from './check.js';
import type { NewestObject } from './newest-object.js';
import { silentKey } from './slots.js';

/** What a run did. */
export interface HeartbeatReport {
  readonly checked: number;
  readonly alerts: number;
  readonly errors: readonly string[];
}

/** What a run uses (a runtime has all of it). */
export interface HeartbeatDeps {
  readonly config: Pick<Config, 'heartbeat'>;
  readonly logger: Logger;
  readonly notifiers: readonly Notifier[];
  readonly ledger?: Ledger;
  readonly remainingMs?: () => number;
}

/** Run the check once. Off (nothing read, nothing sent) without a `heartbeat:` block. */
export async function runHeartbeat(rt: HeartbeatDeps, cloud: Cloud, newest?: NewestObject, now = Date.now()): Promise<HeartbeatReport> {
  const config = rt.config.heartbeat;
  if (!config) {
    rt.logger.log('info', 'heartbeat off', { reason: 'no heartbeat block in config' });
    return { checked: 0, alerts: 0, errors: [] };
  }
  if (!rt.ledger) throw new Error('the silence alarm needs a ledger (LEDGER_TABLE)');
  const alerts = await checkSilence(config, { ledger: rt.ledger, now, ...(newest ? { newest } : {}) });
  const findings = alerts.map((a) => alertFinding(a, cloud, now));
  const errors: string[] = [];
  for (const notifier of findings.length > 0 ? rt.notifiers : []) {
    try {
      await notifier.send(findings, { remainingMs: rt.remainingMs ?? (() => Number.POSITIVE_INFINITY), ledger: rt.ledger });
    } catch (error) {
      errors.push(`${notifier.name}: ${describeError(error)}`);
    }
  }
  rt.logger.log(errors.length > 0 ? 'error' : 'info', 'heartbeat checked', { prefixes: config.prefixes.length, alerts: alerts.map((a) => `${a.kind} ${a.prefix}`), errors });
  if (errors.length > 0) {
    // Undo the transitions so the next run alerts again; destinations that got it skip it (stable dedup key).
    for (const a of alerts) await (a.kind === 'silent' ? rt.ledger.release(silentKey(a.prefix)) : rt.ledger.claim(silentKey(a.prefix)));
    throw new NotifyError('heartbeat', errors.join('; '), undefined, true);
  }
  return { checked: config.prefixes.length, alerts: alerts.length, errors };
}
