/**
 * Wires remediation for a runtime: the action registry, lazily created SDK
 * clients and Yandex API, the responder's own account, and the gate bound
 * to the configuration.
 */
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { Ledger } from '../store/ledger.js';
import type { Finding } from '../types.js';
import type { ActionContext, AwsClients, RemediationAction, YandexApi } from './action.js';
import { createAwsClients } from './lib/aws-clients.js';
import { remediate } from './gate.js';
import { actionsById } from './index.js';
import { callerAccount } from './lib/scope.js';
import { createYandexApi } from './lib/yandex-api.js';

/** Options of {@link createRemediator}. */
export interface RemediatorOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Yandex: the function's IAM token. */
  readonly yandexToken?: () => string | undefined;
  /** Replace the clients (tests, local endpoints). */
  readonly aws?: AwsClients;
  readonly yandex?: YandexApi;
  /** Treat every rule as switched on (local dry-run review). */
  readonly everyRule?: boolean;
  /** The invocation id of a call (e.g. Lambda `context.awsRequestId`), owner of its ledger claims. @default a new random id per call */
  readonly owner?: () => string | undefined;
  /** The responder's AWS account. @default `remediation.accountId`, else STS `GetCallerIdentity` once */
  readonly awsAccount?: () => Promise<string>;
  /** Lease of a claim, deadline of an action, wait for another's claim (ms); see `RemediateDeps`. */
  readonly leaseMs?: number;
  readonly actionTimeoutMs?: number;
  readonly waitMs?: number;
  /** Replace the action registry (tests). @default every action */
  readonly actions?: ReadonlyMap<string, RemediationAction>;
}

/** What the batch flow passes to each remediation call. */
export interface RemediateCall {
  /** The invocation id: owner of ledger claims. */
  readonly owner: string;
  /** Time left in the invocation. */
  readonly deadline: { remainingMs(): number };
  /** Time that must stay free for notifying afterwards. */
  readonly notifyReserveMs: number;
}

/** A `remediate` step for {@link respond}. */
export function createRemediator(options: RemediatorOptions) {
  let context: ActionContext | undefined;
  const makeContext = (): ActionContext =>
    (context ??= {
      aws: options.aws ?? createAwsClients(),
      yandex: options.yandex ?? createYandexApi({ hosts: options.config.remediation.yandexApiHosts, ...(options.yandexToken ? { token: options.yandexToken } : {}) }),
      logger: options.logger,
    });
  const awsAccount = options.awsAccount ?? callerAccount({ clients: () => makeContext().aws });
  return (findings: readonly Finding[], ledger: Ledger, call?: RemediateCall): Promise<Finding[]> => {
    const owner = call?.owner ?? options.owner?.();
    // An action may use the time left after what notifying still needs, at most 25 s.
    const left = call ? call.deadline.remainingMs() - call.notifyReserveMs : Number.POSITIVE_INFINITY;
    const actionTimeoutMs = Math.max(1_000, Math.min(options.actionTimeoutMs ?? 25_000, left));
    return remediate(findings, {
      config: options.config,
      actions: options.actions ?? actionsById,
      context: makeContext,
      logger: options.logger,
      ledger,
      awsAccount,
      ...(owner ? { owner } : {}),
      ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
      ...(options.actionTimeoutMs !== undefined || call ? { actionTimeoutMs } : {}),
      ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
      ...(options.everyRule ? { everyRule: true } : {}),
    });
  };
}
