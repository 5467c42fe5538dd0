/**
 * `audit-responder sigma check PATH...`: validate rules and list, per rule,
 * its log source, whether it is indexed, and every refusal with its reason.
 * Exit 78 when anything was refused.
 */
import type { CompiledSigmaRule } from './compile.js';
import { loadSigma } from './loader.js';
import { describeLogSource } from './logsource.js';

/** Where the check writes. */
export interface CheckIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** How a rule is prefiltered, in words. */
export function indexText(rule: CompiledSigmaRule): string {
  if (!rule.cloud) return 'not for these logs (never run)';
  if (rule.index?.actions || rule.index?.actionPrefixes) {
    return `indexed by action: ${[...(rule.index.actions ?? []), ...(rule.index.actionPrefixes ?? []).map((p) => `${p}*`)].join(', ')}`;
  }
  if (rule.index?.services) return `indexed by service: ${rule.index.services.join(', ')}`;
  return 'not indexed: runs on every parsed record';
}

/** Run the check; returns the exit code (0 ok, 78 refusals). */
export async function sigmaCheck(paths: readonly string[], io: CheckIo): Promise<number> {
  const set = await loadSigma(paths);
  for (const r of [...set.rules, ...set.otherLogs]) {
    io.out(`ok       ${r.meta.file}  ${r.meta.id}  "${r.meta.title}"  logsource ${describeLogSource(r.logsource)}${r.cloud ? ` (${r.cloud})` : ''}  ${indexText(r)}\n`);
  }
  for (const c of set.correlations) {
    io.out(`ok       ${c.meta.file}  ${c.meta.id}  "${c.meta.title}"  correlation ${c.type} of ${c.ruleIds.join(', ')} within ${c.timespanMs / 1000}s${c.groupBy.length ? ` by ${c.groupBy.join(', ')}` : ''}\n`);
  }
  for (const p of set.refused) io.out(`REFUSED  ${p.file}${p.rule ? `  ${p.rule}` : ''}: ${p.reason}\n`);
  const unindexed = set.rules.filter((r) => !r.index).length;
  io.err(
    `${set.files} file${set.files === 1 ? '' : 's'}: ${set.rules.length} rules for these logs (${unindexed} not indexed), ` +
      `${set.correlations.length} correlations, ${set.otherLogs.length} for other logs, ${set.refused.length} refused\n`,
  );
  return set.refused.length > 0 ? 78 : 0;
}
