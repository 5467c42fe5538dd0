/**
 * The `audit-responder` command line.
 *
 * ```
 * audit-responder scan PATH|s3://BUCKET/PREFIX... [--format text|json|ocsf|csv]
 *                      [--config FILE] [--notify] [--remediate dry-run|enforce]
 *                      [--since T] [--until T] [--accounts A,B] [--regions R,S]
 *                      [--actor P] [--resource P] [--all-events] [--concurrency N]
 *                      [--checkpoint FILE] [--output FILE] [--quiet] [--verbose] [--jobs N]
 * audit-responder backfill s3://BUCKET/PREFIX... --queue URL [--since T] [--until T]
 *                      [--notify none|digest|all]
 *                      [--sigma PATH]... [--sigma-skip-unsupported]
 * audit-responder sigma check PATH...
 * ```
 *
 * Exit codes: 0 no findings; 1 findings (allow-listed ones do not count);
 * 2 some input could not be read or parsed (the rest was still scanned);
 * 64 usage error; 78 configuration error; 70 internal error; 130 interrupted.
 * Incident review over a bucket: docs/incident-review.md.
 */
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ConfigError, describeError } from '../errors.js';
import { neutralize } from '../lib/text.js';
import { jsonLogger, silentLogger } from '../log.js';
import type { BatchReport } from '../pipeline/respond.js';
import type { Config } from '../config/schema.js';
import { colorAllowed, loadRuntimeSettings } from '../config/runtime-settings.js';
import { createRuntimeAsync } from '../runtime.js';
import { memoryCorrelationStore } from '../store/correlation-store.js';
import { memoryLedger } from '../store/ledger.js';
import { BACKFILL_USAGE } from './backfill-usage.js';
import type { CliIo } from './io.js';
import { openCheckpoint, noCheckpoint } from './checkpoint.js';
import { createProgress } from './progress.js';
import { FORMATS, type OutputFormat, SCAN_OPTIONS, type ScanRequest, parseScanRequest } from './scan-args.js';
import { filteredEngine } from './scan-filter.js';
import { createInputReader, listInputs } from './scan-inputs.js';
import { renderReport, writeReport } from './scan-output.js';
import { type ScanResult, runScan } from './scan-run.js';
import type { AuditEvent } from '../types.js';

/** Exit codes, documented in the README. */
export const EXIT = { clean: 0, findings: 1, inputErrors: 2, usage: 64, internal: 70, config: 78, interrupted: 130 } as const;

const USAGE = `Usage: audit-responder scan PATH|s3://BUCKET/PREFIX... [options]
       audit-responder backfill s3://BUCKET/PREFIX... --queue URL [options]
       audit-responder sigma check PATH...

Scan CloudTrail and Yandex Audit Trails files or folders (.json, .json.gz, .jsonl),
or a bucket prefix, for public buckets, world-open security groups and privilege grants.

Options:
  --format FORMAT      text for people (default); json: one finding per line;
                       ocsf: OCSF 1.3.0 Detection Findings; csv: spreadsheet/SIEM
  --since T, --until T ISO date or time, or a span back from now (7d, 12h);
                       prunes s3:// listings by day, drops records outside
  --accounts A,B       AWS account ids (prunes AWSLogs/[org/]<account>/)
  --regions R,S        regions (prunes CloudTrail/<region>/)
  --actor PATTERN      only events of actors matching (* wildcards; ARN, id, name)
  --resource PATTERN   only findings on resources matching
  --all-events         print every kept event, not only dangerous ones
  --concurrency N      objects read at once (default: 4 per core, 4 to 32)
  --jobs N             worker threads reading objects (default: one per 1.5
                       cores when the scan is large; 1: read on the main thread)
  --checkpoint FILE    record finished objects; a rerun skips them
  --output FILE        write the report to FILE atomically (temp + rename)
  -q, --quiet          no progress line on a terminal
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
64 usage error, 78 configuration error, 130 interrupted (Ctrl-C).

${BACKFILL_USAGE}`;

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stdout.isTTY) && colorAllowed(process.env),
  env: process.env,
  errIsTty: Boolean(process.stderr.isTTY),
};

/** Run the CLI with arguments (without `node` and the script), return the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  // Loaded only for this command: it brings the SQS client.
  if (argv[0] === 'backfill') return (await import('./backfill.js')).backfill(argv.slice(1), io);
  // biome-ignore lint/suspicious/noImplicitAnyLet: parseArgs infers the type from its options, assigned in the try below
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
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
        ...SCAN_OPTIONS,
      },
    });
  } catch (error) {
    io.err(`audit-responder: ${neutralize(describeError(error))}\n\n${USAGE}\n`);
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
    io.err(`audit-responder: ${command ? `unknown command "${neutralize(command, 200)}"` : 'missing command'}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (values.remediate !== undefined && values.remediate !== 'dry-run' && values.remediate !== 'enforce') {
    io.err(`audit-responder: --remediate must be dry-run or enforce, got "${neutralize(values.remediate, 200)}"\n`);
    return EXIT.usage;
  }
  if (!(FORMATS as readonly string[]).includes(values.format)) {
    io.err(`audit-responder: --format must be text, json, ocsf or csv, got "${neutralize(values.format, 200)}"\n`);
    return EXIT.usage;
  }
  const format = values.format as OutputFormat;
  const request = parseScanRequest(values, (io.now ?? Date.now)());
  if (typeof request === 'string' || (request.allEvents && (format === 'ocsf' || format === 'csv'))) {
    io.err(`audit-responder: ${neutralize(typeof request === 'string' ? request : '--all-events prints events as text or json')}\n`);
    return EXIT.usage;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)) {
    io.err(`audit-responder: --jobs must be a whole number from 1 to 64, got "${neutralize(String(values.jobs), 200)}"\n`);
    return EXIT.usage;
  }
  try {
    return await scan(paths, { ...(jobs !== undefined ? { jobs } : {}), format, config: values.config, notify: values.notify, verbose: values.verbose, remediate: values.remediate, request, sigma: values.sigma, sigmaSkipUnsupported: values['sigma-skip-unsupported'] }, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`audit-responder: ${neutralize(describeError(error))}\n`);
      return EXIT.config;
    }
    io.err(`audit-responder: internal error: ${neutralize(describeError(error))}\n`);
    return EXIT.internal;
  }
}

interface ScanOptions {
  readonly format: OutputFormat;
  readonly request: ScanRequest;
  readonly config: string | undefined;
  readonly notify: boolean;
  readonly verbose: boolean;
  readonly remediate: 'dry-run' | 'enforce' | undefined;
  readonly sigma: readonly string[];
  readonly sigmaSkipUnsupported: boolean;
  readonly jobs?: number;
}

async function scan(paths: readonly string[], options: ScanOptions, io: CliIo): Promise<number> {
  const { request } = options;
  const interrupt = io.signal ? undefined : sigintController();
  const signal = io.signal ?? interrupt?.signal;
  // What the scan has to say on stderr (rules it skips, inputs it cannot list, workers that do not start).
  const warn = (message: string) => io.err(`audit-responder: ${neutralize(message)}\n`);
  const inputOptionsOf = (config: Config) => ({ config, filter: request.filter, concurrency: request.concurrency, ...(signal ? { signal } : {}), ...(io.now ? { now: io.now() } : {}), ...(io.s3Client ? { s3Client: io.s3Client } : {}) });
  let inputs: ReturnType<typeof createInputReader> | undefined;
  try {
    const runtime = await createRuntimeAsync({
      env: io.env,
      parseYaml,
      ...(options.config ? { configFile: options.config } : {}),
      reader: (config) => (inputs = createInputReader(inputOptionsOf(config))),
      // Locally nothing is changed without --remediate enforce, whatever the config says.
      remediationMode: options.remediate ?? 'dry-run',
      remediator: { everyRule: options.remediate === 'dry-run' },
      logger: options.verbose ? jsonLogger('debug', (line) => io.err(`${line}\n`)) : silentLogger,
      ...(options.notify ? { consoleWrite: io.out } : { notifiers: [] }),
      // A local scan keeps its ledger and correlation state in memory, whatever LEDGER_TABLE says.
      ledger: memoryLedger(),
      correlationStore: memoryCorrelationStore(),
      sigmaPaths: options.sigma,
      sigmaSkipUnsupported: options.sigmaSkipUnsupported,
      warn,
    });
    if (!inputs) throw new Error('the runtime did not build the input reader');
    const configFile = options.config ?? loadRuntimeSettings(io.env).configFile;
    // What a worker thread needs to build the same engine and reader (--jobs).
    const workerSetup = (config: Config) => ({
      config,
      ...(configFile ? { configFile } : {}),
      sigmaPaths: options.sigma,
      sigmaSkipUnsupported: options.sigmaSkipUnsupported,
      filter: request.filter,
      concurrency: request.concurrency,
      ...(io.now ? { now: io.now() } : {}),
      ...(io.s3Client ? { s3Client: io.s3Client } : {}),
    });
    const { refs, missing } = await listInputs(paths, inputs, inputOptionsOf(runtime.config));
    for (const m of missing) warn(`${m.path}: ${m.reason}`);
    const events: AuditEvent[] | undefined = request.allEvents ? [] : undefined;
    const report = await runScan(refs, {
      ...runtime,
      engine: filteredEngine(runtime.engine, request.filter, events ? (e) => events.push(e) : undefined),
      concurrency: request.concurrency,
      checkpoint: request.checkpoint ? openCheckpoint(request.checkpoint) : noCheckpoint,
      progress: createProgress({ write: io.err, isTty: io.errIsTty ?? false, quiet: request.quiet || options.verbose }),
      ...(signal ? { signal } : {}),
      // --all-events collects events on this thread: read there.
      ...(events ? { jobs: 1 } : { ...(options.jobs !== undefined ? { jobs: options.jobs } : {}), workers: workerSetup(runtime.config) }),
      warn,
    });
    if (!options.notify || options.format !== 'text' || events) {
      writeReport(renderReport(options.format, report.findings, events && sortEvents(events, refs), io.isTty && !request.output), request.output, io.out);
    }
    const errors = reportErrors(report, io);
    summarize(report, errors + missing.length, io);
    if (report.interrupted) return EXIT.interrupted;
    if (errors + missing.length > 0) return EXIT.inputErrors;
    return report.alerted.length > 0 ? EXIT.findings : EXIT.clean;
  } finally {
    interrupt?.dispose();
  }
}

/** Ctrl-C aborts the scan (in-flight objects finish); a second Ctrl-C kills as usual. */
function sigintController(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

/** Events in listing order, then record order (concurrency does not change the output). */
function sortEvents(events: AuditEvent[], refs: readonly { bucket: string; key: string }[]): AuditEvent[] {
  const order = new Map(refs.map((r, i) => [r.bucket ? `s3://${r.bucket}/${r.key}` : r.key, i]));
  const rank = (e: AuditEvent) => order.get(e.source?.key ?? '') ?? Number.MAX_SAFE_INTEGER;
  return events.sort((a, b) => rank(a) - rank(b) || (a.source?.index ?? 0) - (b.source?.index ?? 0));
}

/** Print every object and record error to stderr; return how many there were. */
function reportErrors(report: BatchReport, io: CliIo): number {
  let count = 0;
  for (const object of report.objects) {
    if (object.failure) {
      io.err(`audit-responder: ${neutralize(object.failure.reason)}\n`);
      count += 1;
    }
    for (const error of object.errors) {
      io.err(`audit-responder: ${neutralize(String(error))}\n`);
      count += 1;
    }
  }
  for (const n of report.notifyErrors) {
    io.err(`audit-responder: ${neutralize(`notifier ${n.notifier} failed: ${n.reason}`)}\n`);
    count += 1;
  }
  return count;
}

function summarize(report: BatchReport & Partial<ScanResult>, errors: number, io: CliIo): void {
  const files = report.objects.length;
  const skipped = report.objects.filter((o) => o.skipped).length;
  const records = report.objects.reduce((n, o) => n + o.records, 0);
  const suppressed = report.findings.length - report.alerted.length;
  io.err(
    `scanned ${files} file${files === 1 ? '' : 's'}${skipped ? ` (${skipped} skipped)` : ''}, ` +
      `${records} records: ${report.alerted.length} finding${report.alerted.length === 1 ? '' : 's'}` +
      `${suppressed ? `, ${suppressed} suppressed by allow-list` : ''}` +
      `${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}` +
      `${report.resumed ? `; ${report.resumed} already done (checkpoint), skipped` : ''}` +
      `${report.interrupted ? '; interrupted: the rest was not read' : ''}\n`,
  );
}

function print(io: CliIo, text: string, code: number): number {
  io.out(`${text}\n`);
  return code;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
