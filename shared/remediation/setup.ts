/**
 * Wires remediation for a runtime: the action registry, lazily created SDK
 * clients and Yandex API, and the engine bound to the configuration.
 */
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { Ledger } from '../store/ledger.js';
import type { Finding } from '../types.js';
import type { ActionContext, AwsClients, YandexApi } from './action.js';
import { createAwsClients } from './aws-clients.js';
import { remediate } from './engine.js';
import { actionsById } from './index.js';
import { createYandexApi } from './yandex-api.js';

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
  return (findings: readonly Finding[], ledger: Ledger): Promise<Finding[]> =>
    remediate(findings, {
      config: options.config,
      actions: actionsById,
      context: makeContext,
      logger: options.logger,
      ledger,
      ...(options.everyRule ? { everyRule: true } : {}),
    });
}
