/**
 * `npx tsx scripts/yandex-roles.ts config/<stage>.yml`: the Yandex roles the
 * function's service account needs for the remediation actions the stage
 * enables (enforce mode, rules with `remediate: true`), from the actions'
 * own declarations; space-separated. Used by deploy/yandex/deploy.sh.
 */
import { parse } from 'yaml';
import { loadConfig } from '../shared/config/load.js';
import { actionsById } from '../shared/remediation/index.js';
import { allRules, ruleIds } from '../shared/rules/index.js';

const file = process.argv[2];
if (!file) throw new Error('usage: yandex-roles.ts config/<stage>.yml');
const config = loadConfig({ env: {}, file, ruleIds, parseYaml: parse });
const roles = new Set<string>();
if (config.remediation.mode === 'enforce') {
  for (const rule of allRules.filter((r) => r.cloud === 'yandex' && config.rules[r.id]?.remediate)) {
    for (const id of rule.remediations) for (const role of actionsById.get(id)?.permissions ?? []) roles.add(role);
  }
}
process.stdout.write([...roles].sort().join(' '));
