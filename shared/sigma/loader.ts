/**
 * Loads Sigma rules from files and folders (`.yml` / `.yaml`, walked
 * recursively, sorted), compiles them once, and reports per file what was
 * refused and why. This module is itself imported on demand (runtime.ts,
 * the CLI), so a function with no Sigma rule configured never loads it or
 * the YAML parser.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
// A static import on purpose: `yaml` is CommonJS, and in a code-split esbuild
// bundle (the functions, the CLI) `await import('yaml')` yields only `default`,
// so `parseAllDocuments` came out undefined and Sigma rules could not load.
import { parseAllDocuments } from 'yaml';
import { describeError } from '../errors.js';
import { type CompiledSigmaRule, compileRule } from './compile.js';
import { type CompiledCorrelation, compileCorrelation } from './correlation.js';
import { isRecord as isObject } from '../lib/guards.js';
import { describeLogSource } from './logsource.js';
import { SigmaRefusal } from './refusal.js';

/** A rule or file that cannot run, with the reason. */
export interface SigmaProblem {
  readonly file: string;
  /** The rule id or title, when the document got that far. */
  readonly rule?: string;
  readonly reason: string;
}

/** A correlation with its references resolved to detection rule ids. */
export interface ResolvedCorrelation extends CompiledCorrelation {
  /** Referenced detection rules' ids, in the order written. */
  readonly ruleIds: readonly string[];
  /** Rule id → the reference as written (id or name), for alias lookup. */
  readonly refOf: Readonly<Record<string, string>>;
}

/** Everything loaded from the given paths. */
export interface SigmaSet {
  /** Detection rules for CloudTrail or Yandex Audit Trails. */
  readonly rules: readonly CompiledSigmaRule[];
  readonly correlations: readonly ResolvedCorrelation[];
  /** Rules for other log sources: loaded, counted, never run. */
  readonly otherLogs: readonly CompiledSigmaRule[];
  readonly refused: readonly SigmaProblem[];
  readonly files: number;
}

/** Where to read rules from. */
export interface LoadSigmaOptions {
  /** Relative paths resolve against this folder (the config file's). @default process.cwd() */
  readonly baseDir?: string;
}

/** Read and compile every rule under `paths`. Never throws for a bad rule: it lands in `refused`. */
export async function loadSigma(paths: readonly string[], options: LoadSigmaOptions = {}): Promise<SigmaSet> {
  const base = options.baseDir ?? process.cwd();
  const files: string[] = [];
  const refused: SigmaProblem[] = [];
  for (const p of paths) {
    const full = isAbsolute(p) ? p : resolve(base, p);
    try {
      await collect(full, p === full ? full : join(p), files, true);
    } catch (error) {
      refused.push({ file: p, reason: `cannot read: ${describeError(error)}` });
    }
  }
  const rules: CompiledSigmaRule[] = [];
  const otherLogs: CompiledSigmaRule[] = [];
  const correlations: CompiledCorrelation[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(isAbsolute(file) ? file : resolve(base, file), 'utf8');
    } catch (error) {
      refused.push({ file, reason: `cannot read: ${describeError(error)}` });
      continue;
    }
    const docs = parseAllDocuments(text, { uniqueKeys: true });
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, n) => {
      const where = list.length > 1 ? `${file} (document ${n + 1})` : file;
      if (doc.errors.length > 0) {
        refused.push({ file: where, reason: `YAML: ${doc.errors[0]?.message.split('\n')[0]}` });
        return;
      }
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value === null || value === undefined) return;
      const label = isObject(value) ? String(value.id ?? value.name ?? value.title ?? '') || undefined : undefined;
      try {
        if (!isObject(value)) throw new SigmaRefusal('a rule must be a YAML map');
        if (value.correlation !== undefined) {
          const c = compileCorrelation(value, file);
          claim(seen, c.meta.id, where);
          correlations.push(c);
        } else {
          const r = compileRule(value, file);
          claim(seen, r.meta.id, where);
          (r.cloud ? rules : otherLogs).push(r);
        }
      } catch (error) {
        const reason = error instanceof SigmaRefusal ? error.message : `cannot compile: ${describeError(error)}`;
        refused.push({ file: where, ...(label ? { rule: label } : {}), reason });
      }
    });
  }
  const resolved: ResolvedCorrelation[] = [];
  for (const c of correlations) {
    try {
      resolved.push(resolveCorrelation(c, rules, otherLogs, correlations));
    } catch (error) {
      refused.push({ file: c.meta.file, rule: c.meta.id, reason: (error as Error).message });
    }
  }
  return { rules, correlations: resolved, otherLogs, refused, files: files.length };
}

async function collect(full: string, shown: string, out: string[], top: boolean): Promise<void> {
  const info = await stat(full);
  if (info.isDirectory()) {
    const entries = (await readdir(full)).sort();
    for (const e of entries) await collect(join(full, e), join(shown, e), out, false);
  } else if (top || /\.ya?ml$/i.test(full)) {
    out.push(full);
  }
}

function claim(seen: Map<string, string>, id: string, where: string): void {
  const first = seen.get(id);
  if (first) throw new SigmaRefusal(`rule id ${id} is already used by ${first}`);
  seen.set(id, where);
}

function resolveCorrelation(
  c: CompiledCorrelation,
  rules: readonly CompiledSigmaRule[],
  otherLogs: readonly CompiledSigmaRule[],
  correlations: readonly CompiledCorrelation[],
): ResolvedCorrelation {
  const ruleIds: string[] = [];
  const refOf: Record<string, string> = {};
  for (const ref of c.rules) {
    const rule = rules.find((r) => r.meta.id === ref || r.meta.name === ref);
    if (!rule) {
      if (correlations.some((x) => x.meta.id === ref || x.meta.name === ref)) {
        throw new SigmaRefusal(`correlation.rules: "${ref}" is a correlation; chained correlations are not supported`);
      }
      const other = otherLogs.find((r) => r.meta.id === ref || r.meta.name === ref);
      if (other) throw new SigmaRefusal(`correlation.rules: "${ref}" is for ${describeLogSource(other.logsource)} logs, not these`);
      throw new SigmaRefusal(`correlation.rules: no loaded rule has id or name "${ref}"`);
    }
    ruleIds.push(rule.meta.id);
    refOf[rule.meta.id] = ref;
  }
  return { ...c, ruleIds, refOf };
}

/** The message of a refusal list, one file per line. */
export function describeRefusals(problems: readonly SigmaProblem[]): string {
  return problems.map((p) => `  ${p.file}${p.rule ? ` [${p.rule}]` : ''}: ${p.reason}`).join('\n');
}
