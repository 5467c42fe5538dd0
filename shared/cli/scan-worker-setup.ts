/**
 * What a `scan` worker thread needs to rebuild the engine and the reader of
 * the main thread: plain data only (it crosses `postMessage`), and the one
 * function both sides use to turn it into an engine, so a worker evaluates
 * exactly as the single-threaded run does.
 */
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { Config } from '../config/schema.js';
import type { Engine } from '../rules/engine.js';
import { createEngine } from '../rules/engine.js';
import { allRules } from '../rules/index.js';
import { filteredEngine, type ScanFilter } from './scan-filter.js';

/** The scan's settings as the main thread resolved them. */
export interface WorkerSetup {
  /** The loaded configuration (remediation mode already set for the CLI). */
  readonly config: Config;
  /** The config file, when there is one (`sigma.paths` resolve against it). */
  readonly configFile?: string;
  /** `--sigma` paths. */
  readonly sigmaPaths: readonly string[];
  readonly sigmaSkipUnsupported: boolean;
  readonly filter: ScanFilter;
  /** Objects one worker reads at once. */
  readonly concurrency: number;
  /** Extra S3 client settings (tests: static credentials, endpoint). */
  readonly s3Client?: Partial<S3ClientConfig>;
  readonly now?: number;
}

/** The engine of the scan: built-in rules, Sigma rules when configured, the scan filter. */
export async function workerEngine(setup: WorkerSetup): Promise<Engine> {
  const { config } = setup;
  const sigma = (config.sigma?.paths.length ?? 0) > 0 || setup.sigmaPaths.length > 0
    ? await import('../sigma/attach.js').then((m) =>
        m.attachSigma({
          config,
          ...(setup.configFile ? { configFile: setup.configFile } : {}),
          extraPaths: setup.sigmaPaths,
          skipUnsupported: setup.sigmaSkipUnsupported,
          // The main thread loaded the same files and already warned.
          warn: () => {},
        }),
      )
    : undefined;
  return filteredEngine(createEngine(allRules, config, sigma ? { extra: sigma.extra } : {}), setup.filter);
}
