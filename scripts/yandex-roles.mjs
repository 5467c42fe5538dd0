// Prints the Yandex roles the function's service account needs for the
// remediation actions enabled in a stage file (enforce mode, rules with
// `remediate: true`), space-separated. Used by deploy/yandex/deploy.sh.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Role per Yandex action id (mirrors each action's declared permissions). */
const ROLES = {
  'yandex-vpc-delete-sg-rule': ['vpc.securityGroups.admin'],
  'yandex-storage-make-private': ['storage.admin'],
  'yandex-storage-remove-public-acl': ['storage.admin'],
  'yandex-storage-remove-public-policy': ['storage.admin'],
  'yandex-remove-access-binding': ['resource-manager.admin', 'iam.serviceAccounts.admin', 'lockbox.admin', 'kms.admin'],
};
const RULE_ACTIONS = {
  'yandex-vpc-sg-ingress-open': ['yandex-vpc-delete-sg-rule'],
  'yandex-storage-anonymous-access': ['yandex-storage-make-private'],
  'yandex-storage-acl-public': ['yandex-storage-remove-public-acl'],
  'yandex-storage-policy-public': ['yandex-storage-remove-public-policy'],
  'yandex-access-binding-grant': ['yandex-remove-access-binding'],
};
const config = parse(readFileSync(process.argv[2], 'utf8')) ?? {};
const roles = new Set();
if (config.remediation?.mode === 'enforce') {
  for (const [rule, settings] of Object.entries(config.rules ?? {})) {
    if (!settings?.remediate) continue;
    for (const action of RULE_ACTIONS[rule] ?? []) for (const role of ROLES[action] ?? []) roles.add(role);
  }
}
process.stdout.write([...roles].sort().join(' '));
