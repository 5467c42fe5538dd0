/**
 * The `audit-responder` command line.
 *
 * ```
 * audit-responder scan PATH... [--format text|json] [--config FILE] [--notify]
 *                      [--remediate dry-run|enforce] [--verbose]
 *                      [--sigma PATH]... [--sigma-skip-unsupported]
 * audit-responder sigma check PATH...
 * ```
 *
 * Exit codes: 0 no findings; 1 findings (allow-listed ones do not count);
 * 2 some input could not be read or parsed (the rest was still scanned);
 * 64 usage error; 78 configuration error; 70 internal error.
 */
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../config/load.js';
import { ConfigError, describeError } from '../errors.js';
import { createFileReader, listLocalObjects } from '../io/file-reader.js';
import { jsonLogger, silentLogger } from '../log.js';
import { createNotifiers } from '../notifiers/index.js';
import { loadNotifySettings } from '../notifiers/settings.js';
import { createEngine } from '../pipeline/engine.js';
import { type BatchReport, respond } from '../pipeline/respond.js';
import { createRemediator } from '../remediation/setup.js';
import { allRules, ruleIds } from '../rules/index.js';
import { formatJsonLines } from './format-json.js';
import { formatText } from './format-text.js';

/** Exit codes, documented in the README. */
export const EXIT = { clean: 0, findings: 1, inputErrors: 2, usage: 64, internal: 70, config: 78 } as const;

const USAGE = `Usage: audit-responder scan PATH... [options]
       audit-responder sigma check PATH...

Scan CloudTrail and Yandex Audit Trails files or folders (.json, .json.gz, .jsonl)
for public buckets, world-open security groups and privilege grants.

Options:
  --format text|json   text for people (default), json: one finding per line
  --config FILE        JSON or YAML config (default: $AUDIT_RESPONDER_CONFIG)
  --notify             also send the alerts through the configured notifiers
  --remediate MODE     dry-run: show every plan (all rules), change nothing;
                       enforce: apply the plans of rules switched on in the
                       config, with your credentials (default: dry-run of the
                       switched-on rules only)
  --sigma PATH         also run the Sigma rules in this file or folder
                       (repeatable; adds to the config's sigma.paths)
  --sigma-skip-unsupported
                       warn about Sigma rules that cannot run, instead of
                       failing with exit 78
  --verbose            structured logs on stderr
  -h, --help           this help
  -v, --version        print the version

Exit codes: 0 no findings, 1 findings, 2 some input unreadable (rest scanned),
64 usage error, 78 configuration error.`;

/** Streams the CLI writes to (tests capture them). */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  env: process.env,
};

/** Run the CLI with arguments (without `node` and the script), return the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        notify: { type: 'boolean', default: false },
        remediate: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        sigma: { type: 'string', multiple: true, default: [] },
        'sigma-skip-unsupported': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    io.err(`audit-responder: ${describeError(error)}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = args;
  if (values.help) return print(io, USAGE, EXIT.clean);
  if (values.version) return print(io, VERSION, EXIT.clean);
  const [command, ...paths] = positionals;
  if (command === 'sigma') {
    const [sub, ...files] = paths;
    if (sub !== 'check' || files.length === 0) {
      io.err(`audit-responder: usage: audit-responder sigma check PATH...\n`);
      return EXIT.usage;
    }
    const { sigmaCheck } = await import('../sigma/check.js');
    return sigmaCheck(files, io);
  }
  if (command !== 'scan' || paths.length === 0) {
    io.err(`audit-responder: ${command ? `unknown command "${command}"` : 'missing command'}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (values.remediate !== undefined && values.remediate !== 'dry-run' && values.remediate !== 'enforce') {
    io.err(`audit-responder: --remediate must be dry-run or enforce, got "${values.remediate}"\n`);
    return EXIT.usage;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    io.err(`audit-responder: --format must be text or json, got "${values.format}"\n`);
    return EXIT.usage;
  }
  try {
    return await scan(paths, { format: values.format, config: values.config, notify: values.notify, verbose: values.verbose, remediate: values.remediate, sigma: values.sigma, sigmaSkipUnsupported: values['sigma-skip-unsupported'] }, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`audit-responder: ${error.message}\n`);
      return EXIT.config;
    }
    io.err(`audit-responder: internal error: ${describeError(error)}\n`);
    return EXIT.internal;
  }
}

interface ScanOptions {
  readonly format: 'text' | 'json';
  readonly config: string | undefined;
  readonly notify: boolean;
  readonly verbose: boolean;
  readonly remediate: 'dry-run' | 'enforce' | undefined;
  readonly sigma: readonly string[];
  readonly sigmaSkipUnsupported: boolean;
}

async function scan(paths: readonly string[], options: ScanOptions, io: CliIo): Promise<number> {
  const loaded = loadConfig({ env: io.env, ruleIds, parseYaml, ...(options.config ? { file: options.config } : {}) });
  // Locally nothing is changed without --remediate enforce, whatever the config says.
  const config = { ...loaded, remediation: { ...loaded.remediation, mode: options.remediate ?? 'dry-run' } };
  const logger = options.verbose ? jsonLogger('debug', (line) => io.err(`${line}\n`)) : silentLogger;
  const notifiers = options.notify ? createNotifiers(loadNotifySettings(io.env), io.out) : [];
  const configFile = options.config ?? io.env.AUDIT_RESPONDER_CONFIG;
  const sigma = (config.sigma?.paths.length ?? 0) > 0 || options.sigma.length > 0
    ? await import('../sigma/attach.js').then(async (m) => ({
        m,
        setup: await m.attachSigma({
          config,
          ...(configFile ? { configFile } : {}),
          extraPaths: options.sigma,
          skipUnsupported: options.sigmaSkipUnsupported,
          warn: (message) => io.err(`audit-responder: ${message}\n`),
        }),
      }))
    : undefined;
  const engine = createEngine(allRules, config, sigma?.setup ? { extra: sigma.setup.extra } : {});
  if (sigma?.setup) logger.log('info', 'sigma rules', sigmaCounts(sigma.setup, engine.unindexed));
  const { refs, missing } = await listLocalObjects(paths);
  for (const m of missing) io.err(`audit-responder: ${m.path}: ${m.reason}\n`);
  const remediate = createRemediator({ config, logger, everyRule: options.remediate === 'dry-run' });
  const report = await respond(refs, {
    engine,
    reader: createFileReader(config.storage.maxObjectBytes),
    maxObjectBytes: config.storage.maxObjectBytes,
    notifiers,
    logger,
    remediate: sigma?.setup
      ? sigma.m.withCorrelations(sigma.setup, engine, config, (await import('../store/correlation-store.js')).memoryCorrelationStore(), remediate)
      : remediate,
  });
  if (options.format === 'json') io.out(formatJsonLines(report.findings));
  else if (!options.notify) {
    const text = formatText(report.findings, io.isTty);
    if (text) io.out(`${text}\n`);
  }
  const errors = reportErrors(report, io);
  summarize(report, errors + missing.length, io);
  if (errors + missing.length > 0) return EXIT.inputErrors;
  return report.alerted.length > 0 ? EXIT.findings : EXIT.clean;
}

/** What was loaded, for the start log line. */
function sigmaCounts(setup: { readonly set: { readonly rules: readonly unknown[]; readonly correlations: readonly unknown[]; readonly otherLogs: readonly unknown[]; readonly refused: readonly unknown[] } }, unindexed: number) {
  return {
    rules: setup.set.rules.length,
    correlations: setup.set.correlations.length,
    notForTheseLogs: setup.set.otherLogs.length,
    skipped: setup.set.refused.length,
    runOnEveryRecord: unindexed,
  };
}

/** Print every object and record error to stderr; return how many there were. */
function reportErrors(report: BatchReport, io: CliIo): number {
  let count = 0;
  for (const object of report.objects) {
    if (object.failure) {
      io.err(`audit-responder: ${object.failure.reason}\n`);
      count += 1;
    }
    for (const error of object.errors) {
      io.err(`audit-responder: ${error}\n`);
      count += 1;
    }
  }
  for (const n of report.notifyErrors) {
    io.err(`audit-responder: notifier ${n.notifier} failed: ${n.reason}\n`);
    count += 1;
  }
  return count;
}

function summarize(report: BatchReport, errors: number, io: CliIo): void {
  const files = report.objects.length;
  const skipped = report.objects.filter((o) => o.skipped).length;
  const records = report.objects.reduce((n, o) => n + o.records, 0);
  const suppressed = report.findings.length - report.alerted.length;
  io.err(
    `scanned ${files} file${files === 1 ? '' : 's'}${skipped ? ` (${skipped} skipped)` : ''}, ` +
      `${records} records: ${report.alerted.length} finding${report.alerted.length === 1 ? '' : 's'}` +
      `${suppressed ? `, ${suppressed} suppressed by allow-list` : ''}` +
      `${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}\n`,
  );
}

function print(io: CliIo, text: string, code: number): number {
  io.out(`${text}\n`);
  return code;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
