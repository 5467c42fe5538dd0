/**
 * Sigma for a runtime or a scan: load the configured rules (refusing what
 * cannot run, unless told to skip it), turn them into engine rules, and
 * build the correlation stage. Imported dynamically, only when Sigma paths
 * are configured.
 */
import { ConfigError } from '../errors.js';
import type { IndexedRule } from '../rules/engine.js';
import type { Finding, Rule } from '../types.js';
import type { CompiledSigmaRule } from './compile.js';
import { type CorrelateDeps, correlate } from './correlator.js';
import { LEVEL_SEVERITY, detectionFinding, sigmaRuleId } from './finding.js';
import { type SigmaSet, describeRefusals, loadSigma } from './loader.js';

/** Sigma ready to run. */
export interface SigmaSetup {
  readonly set: SigmaSet;
  /** Engine rules, with their index. */
  readonly extra: readonly IndexedRule[];
  /** `sigma:<id>` of every detection and correlation rule (config `rules.<id>` may name them). */
  readonly ruleIds: readonly string[];
  /** The correlation stage over a batch's findings. */
  correlate(findings: readonly Finding[], deps: CorrelateDeps): Promise<Finding[]>;
}

/** How to prepare. */
export interface PrepareSigmaOptions {
  readonly baseDir?: string;
  readonly skipUnsupported: boolean;
  /** One warning per skipped file. */
  readonly warn: (message: string) => void;
}

/** Load and compile; throws a {@link ConfigError} naming every refused file unless skipping. */
export async function prepareSigma(paths: readonly string[], options: PrepareSigmaOptions): Promise<SigmaSetup> {
  const set = await loadSigma(paths, options.baseDir ? { baseDir: options.baseDir } : {});
  if (set.refused.length > 0) {
    if (!options.skipUnsupported) {
      throw new ConfigError(
        `${set.refused.length} Sigma rule${set.refused.length === 1 ? '' : 's'} refused (fix them, or set sigma.skipUnsupported / --sigma-skip-unsupported to skip them):\n${describeRefusals(set.refused)}`,
      );
    }
    const byFile = new Map<string, string>();
    for (const p of set.refused) if (!byFile.has(p.file)) byFile.set(p.file, p.reason);
    for (const [file, reason] of byFile) options.warn(`Sigma rule skipped: ${file}: ${reason}`);
  }
  const inputsOnly = new Set<string>();
  for (const c of set.correlations) if (!c.generate) for (const id of c.ruleIds) inputsOnly.add(id);
  for (const c of set.correlations) if (c.generate) for (const id of c.ruleIds) inputsOnly.delete(id);
  // The correlator groups findings by fields of their records: only its inputs keep them.
  const feeds = new Set(set.correlations.flatMap((c) => c.ruleIds));
  const extra = set.rules.map((r) => toIndexedRule(r, inputsOnly.has(r.meta.id), feeds.has(r.meta.id)));
  return {
    set,
    extra,
    ruleIds: [...set.rules.map((r) => sigmaRuleId(r.meta.id)), ...set.correlations.map((c) => sigmaRuleId(c.meta.id))],
    correlate: (findings, deps) => correlate(findings, set.correlations, deps),
  };
}

/**
 * A compiled rule as an engine rule. Without `keepRecord`, its findings drop
 * the event's `raw` record once the evidence is taken (see {@link detectionFinding}).
 */
export function toIndexedRule(compiled: CompiledSigmaRule, correlationInput: boolean, keepRecord = true): IndexedRule {
  const cloud = compiled.cloud ?? 'aws';
  const rule: Rule = {
    id: sigmaRuleId(compiled.meta.id),
    cloud,
    category: 'sigma',
    severity: LEVEL_SEVERITY[compiled.meta.level],
    title: compiled.meta.title,
    runbook: compiled.meta.description ?? `Review the event against Sigma rule ${compiled.meta.id} (${compiled.meta.file}).`,
    actions: compiled.index?.actions ?? [],
    remediations: [],
    match(event) {
      if (event.cloud !== compiled.cloud || !compiled.match(event.raw)) return [];
      return [detectionFinding(compiled, event, correlationInput, keepRecord)];
    },
  };
  return {
    rule,
    ...(compiled.index?.actions ? { actions: compiled.index.actions } : {}),
    ...(compiled.index?.actionPrefixes ? { actionPrefixes: compiled.index.actionPrefixes } : {}),
    ...(compiled.index?.services ? { services: compiled.index.services } : {}),
    ...(!compiled.index && compiled.literals ? { rawLiterals: compiled.literals } : {}),
  };
}
