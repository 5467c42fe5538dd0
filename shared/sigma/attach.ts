/**
 * Sigma attached to a scan or a function runtime: the configured paths
 * (relative to the config file) and any given on the command line, the
 * `rules.sigma:<id>` config keys checked against the loaded rules, and the
 * correlation stage put in front of remediation.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import type { Engine } from '../rules/engine.js';
import type { RemediateCall } from '../remediation/remediator.js';
import type { Ledger } from '../store/ledger.js';
import type { CorrelationStore } from '../store/correlation-store.js';
import type { Finding } from '../types.js';
import { type SigmaSetup, prepareSigma } from './setup.js';

/** Where the rules come from. */
export interface AttachSigmaOptions {
  readonly config: Config;
  /** The config file, when there is one: `sigma.paths` resolve against its folder. */
  readonly configFile?: string;
  /** More paths (command line), relative to the working directory. */
  readonly extraPaths?: readonly string[];
  /** Skip refused rules even when the config does not say so (`--sigma-skip-unsupported`). */
  readonly skipUnsupported?: boolean;
  readonly warn: (message: string) => void;
}

/** Load the Sigma rules, or `undefined` when none are configured. */
export async function attachSigma(options: AttachSigmaOptions): Promise<SigmaSetup | undefined> {
  const base = options.configFile ? dirname(resolve(options.configFile)) : process.cwd();
  const paths = [
    ...(options.config.sigma?.paths ?? []).map((p) => (isAbsolute(p) ? p : resolve(base, p))),
    ...(options.extraPaths ?? []),
  ];
  if (paths.length === 0) return undefined;
  const setup = await prepareSigma(paths, {
    skipUnsupported: options.skipUnsupported === true || options.config.sigma?.skipUnsupported === true,
    warn: options.warn,
  });
  const known = new Set(setup.ruleIds);
  const unknown = Object.keys(options.config.rules).filter((id) => id.startsWith('sigma:') && !known.has(id));
  if (unknown.length > 0) {
    throw new ConfigError(`invalid config: rules.${unknown[0]}: no loaded Sigma rule has this id`);
  }
  return setup;
}

type Remediate = (findings: readonly Finding[], ledger: Ledger, call?: RemediateCall) => Promise<Finding[]>;

/** The respond hook with correlations run first (then remediation, when given). */
export function withCorrelations(
  setup: SigmaSetup,
  engine: Engine,
  config: Config,
  store: CorrelationStore,
  remediate: Remediate | undefined,
): Remediate {
  return async (findings, ledger, call) => {
    const all = await setup.correlate(findings, {
      store,
      finalize: engine.finalize,
      enabled: (id) => config.rules[id]?.enabled !== false,
    });
    return remediate ? remediate(all, ledger, call) : all;
  };
}
