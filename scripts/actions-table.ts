/**
 * `npx tsx scripts/actions-table.ts`: the README's table of remediation
 * actions, from their declarations (id, what it changes, permissions) and the
 * rules that plan them.
 */
import { allActions } from '../shared/remediation/index.js';
import { allRules } from '../shared/rules/index.js';

const rows = allActions.map((action) => {
  const rules = allRules.filter((r) => r.remediations.includes(action.id)).map((r) => `\`${r.id}\``);
  return `| \`${action.id}\` | ${rules.join(', ')} | ${action.description} | ${action.permissions.map((p) => `\`${p}\``).join(', ')} |`;
});
process.stdout.write(['| action | planned by | what it changes | needs |', '|---|---|---|---|', ...rows].join('\n') + '\n');
