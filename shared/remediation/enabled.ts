/**
 * The one list of remediations a configuration switches on: a rule that is
 * enabled (`rules.<id>.enabled`, default on) and has `remediate: true`,
 * with each action its plans may name. The IAM role generator
 * (`scripts/iam.ts`), the Yandex role list (`scripts/yandex-roles.ts`) and
 * the start-up log all read it, so a disabled rule's actions are never
 * granted anywhere.
 */
import type { Config } from '../config/schema.js';
import { allRules } from '../rules/index.js';
import type { Cloud, Rule } from '../types.js';
import type { RemediationAction } from './action.js';
import { actionsById } from './index.js';

/** One switched-on rule and the actions it may plan. */
export interface EnabledRemediation {
  readonly rule: Rule;
  readonly actions: readonly RemediationAction[];
}

/**
 * The switched-on remediations, in rule registry order, optionally of one
 * cloud. Throws when a rule names an action that does not exist (a
 * registry mistake must fail the build, not grant nothing silently).
 *
 * @example
 * const iamActions = enabledRemediations(config, 'aws').flatMap((e) => e.actions.flatMap((a) => a.permissions));
 */
export function enabledRemediations(config: Config, cloud?: Cloud, rules: readonly Rule[] = allRules): EnabledRemediation[] {
  return rules
    .filter((r) => (cloud === undefined || r.cloud === cloud) && config.rules[r.id]?.enabled !== false && config.rules[r.id]?.remediate === true)
    .map((rule) => ({
      rule,
      actions: rule.remediations.map((id) => {
        const action = actionsById.get(id);
        if (!action) throw new Error(`rule ${rule.id}: remediation action ${id} is not available`);
        return action;
      }),
    }));
}

/**
 * The actions the configuration lets run (enforce mode only), each once.
 * A breaking action (see `RemediationAction.breaking`) counts only with
 * `remediation.allowBreakingChanges: true`, as the gate runs it only then.
 */
export function enforcedActions(config: Config, cloud?: Cloud): RemediationAction[] {
  if (config.remediation.mode !== 'enforce') return [];
  const breakingAllowed = config.remediation.allowBreakingChanges === true;
  return [...new Set(enabledRemediations(config, cloud).flatMap((e) => e.actions))].filter((a) => !a.breaking || breakingAllowed);
}
