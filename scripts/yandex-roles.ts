/**
 * `npx tsx scripts/yandex-roles.ts config/<stage>.yml`: the Yandex roles the
 * function's service account needs for the remediation actions the stage
 * switches on (enforce mode, enabled rules with `remediate: true`, from
 * `enforcedActions`), from the actions' own declarations; space-separated.
 * Used by deploy/yandex/deploy.sh.
 */
import { parse } from 'yaml';
import { loadConfig } from '../shared/config/load.js';
import { enforcedActions } from '../shared/remediation/enabled.js';
import { ruleIds } from '../shared/rules/index.js';

const file = process.argv[2];
if (!file) throw new Error('usage: yandex-roles.ts config/<stage>.yml');
const config = loadConfig({ env: {}, file, ruleIds, parseYaml: parse });
const roles = new Set(enforcedActions(config, 'yandex').flatMap((a) => a.permissions));
process.stdout.write([...roles].sort().join(' '));
