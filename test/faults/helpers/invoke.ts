/**
 * Runs the BUILT handlers (esbuild bundles made with the same options as
 * `npm run build`) in child processes with a Lambda-like deadline: the
 * context's `getRemainingTimeInMillis` counts down from `deadlineMs`, and the
 * parent kills the child (SIGKILL) when the deadline passes, as the platform
 * would (the kill timer starts when the child says it started, so both
 * count from the same moment). Everything the child logs is collected, parsed as JSON lines.
 *
 * @example
 * ```ts
 * const built = await buildHandlers();
 * const run = await invokeBuilt(built, { handler: 'aws-s3', event, env, deadlineMs: 8_000 });
 * expect(run.killed).toBe(false);
 * ```
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = join(import.meta.dirname, 'child.mjs');
const RESULT_MARK = '@@fault-result ';
const START_MARK = '@@fault-start\n';
/** How long a child may take to start Node before its deadline begins. */
const START_GRACE_MS = 5_000;

/** Where the built handlers are. */
export interface BuiltHandlers {
  readonly dir: string;
  /** The bundle of `functions/<name>.ts`. */
  path(name: string): string;
  /** The command line bundle (`shared/cli/bin.ts`). */
  readonly cli: string;
}

let building: Promise<BuiltHandlers> | undefined;

/**
 * Bundle `functions/*.ts` and the CLI into a fresh temporary directory (once
 * per test worker), as `npm run build` does (`projectBuilds`). A separate
 * directory per worker keeps parallel test files from racing on `dist/`.
 */
export function buildHandlers(): Promise<BuiltHandlers> {
  building ??= (async () => {
    const { build } = await import('esbuild');
    type Builds = { functions: Record<string, unknown>; cli: Record<string, unknown> };
    const options = (await import(pathToFileURL(join(ROOT, 'scripts/esbuild-options.mjs')).href)) as { projectBuilds(root: string): Builds };
    const dir = mkdtempSync(join(tmpdir(), 'ar-faults-'));
    const builds = options.projectBuilds(ROOT);
    for (const b of [builds.functions, builds.cli]) await build({ ...b, absWorkingDir: ROOT, outdir: dir, logLevel: 'error' });
    return { dir, path: (name) => join(dir, 'functions', `${name}.js`), cli: join(dir, 'cli.js') };
  })();
  return building;
}

/** One invocation to run. */
export interface Invocation {
  /** `functions/<handler>.ts`: `aws-s3`, `aws-sqs`, `yandex-storage`. */
  readonly handler: string;
  readonly event: unknown;
  /** The function's environment (nothing else from this process is passed but PATH). */
  readonly env: Record<string, string>;
  /** The invocation's time limit, as the platform's timeout. */
  readonly deadlineMs: number;
  /** The invocation id (`awsRequestId` / Yandex `requestId`). @default a random UUID */
  readonly requestId?: string;
  /** Options for the child's `node` (e.g. `--max-old-space-size=400`, the function's memory). @default none */
  readonly nodeArgs?: readonly string[];
}

/** What happened in one invocation. */
export interface InvocationResult {
  /** `returned` or `threw` (the platform would retry), or `killed` at the deadline, or `crashed` (no result). */
  readonly outcome: 'returned' | 'threw' | 'killed' | 'crashed';
  readonly killed: boolean;
  /** The handler's return value, when it returned. */
  readonly result?: unknown;
  /** The error's name and message, when it threw. */
  readonly error?: { readonly name: string; readonly message: string };
  /** Milliseconds from start until the handler settled (or the kill). */
  readonly elapsedMs: number;
  /** The child's peak resident memory in KiB, when it settled. */
  readonly maxRssKb?: number;
  /** The structured log lines. */
  readonly logs: readonly Record<string, unknown>[];
  /** Every other line on stdout and stderr. */
  readonly output: string;
}

/** A Lambda-like environment: loopback credentials, region, no instance metadata. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_EC2_METADATA_DISABLED: 'true',
    NODE_NO_WARNINGS: '1',
    ...extra,
  };
}

/** Run one invocation of a built handler in a child process; never rejects. */
export async function invokeBuilt(built: BuiltHandlers, invocation: Invocation): Promise<InvocationResult> {
  const started = Date.now();
  const child = spawn(process.execPath, [...(invocation.nodeArgs ?? []), CHILD, built.path(invocation.handler)], { env: invocation.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let killed = false;
  const kill = () => {
    killed = true;
    child.kill('SIGKILL');
  };
  // The deadline counts from the child's start line (its clock); the fallback covers a child that never starts.
  let timer = setTimeout(kill, invocation.deadlineMs + START_GRACE_MS);
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    if (!stdout.includes(START_MARK) && (stdout + d).includes(START_MARK)) {
      clearTimeout(timer);
      timer = setTimeout(kill, invocation.deadlineMs);
    }
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(JSON.stringify({ event: invocation.event, deadlineMs: invocation.deadlineMs, requestId: invocation.requestId ?? randomUUID() }));
  await new Promise<void>((done) => child.on('close', () => done()));
  clearTimeout(timer);
  const logs: Record<string, unknown>[] = [];
  const other: string[] = [];
  let settled: { outcome: 'returned' | 'threw'; result?: unknown; name?: string; message?: string; elapsedMs: number; maxRssKb?: number } | undefined;
  for (const line of stdout.split('\n')) {
    if (line === START_MARK.trim()) continue;
    if (line.startsWith(RESULT_MARK)) settled = JSON.parse(line.slice(RESULT_MARK.length));
    else if (line.startsWith('{')) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        other.push(line);
      }
    } else if (line) other.push(line);
  }
  const output = [...other, stderr].filter(Boolean).join('\n');
  if (!settled) return { outcome: killed ? 'killed' : 'crashed', killed, elapsedMs: Date.now() - started, logs, output };
  return {
    outcome: settled.outcome,
    killed: false,
    ...(settled.outcome === 'returned' ? { result: settled.result } : { error: { name: settled.name ?? 'Error', message: settled.message ?? '' } }),
    elapsedMs: settled.elapsedMs,
    ...(settled.maxRssKb !== undefined ? { maxRssKb: settled.maxRssKb } : {}),
    logs,
    output,
  };
}

/** What one command-line run did. */
export interface CliResult {
  /** The exit code, or `undefined` when killed at the time limit. */
  readonly code: number | undefined;
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the built `audit-responder` command with a time limit (SIGKILL when it passes); never rejects. */
export async function runCli(built: BuiltHandlers, args: readonly string[], env: Record<string, string>, limitMs: number): Promise<CliResult> {
  const child = spawn(process.execPath, [built.cli, ...args], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, limitMs);
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  clearTimeout(timer);
  return { code: killed ? undefined : (code ?? undefined), killed, stdout, stderr };
}
