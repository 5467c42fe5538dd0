/**
 * `audit-responder backfill s3://BUCKET/PREFIX... --queue URL`: list the
 * objects exactly like `scan` (same pruning by key layout, time range,
 * accounts, regions) and send their references to the SQS queue of a
 * `trigger: sqs` deployment (Yandex Message Queue speaks the same API), so
 * the platform processes them with its own concurrency, retries and failure
 * queue. Each message is an S3 notification plus the backfill tag
 * (`shared/triggers/backfill-tag.ts`); with `--notify digest` (the default)
 * a last message asks the function for one summary.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SQSClient, SendMessageBatchCommand, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../config/load.js';
import { ConfigError, describeError } from '../errors.js';
import { parseS3Url, semaphore } from '../io/s3-listing.js';
import { ruleIds } from '../rules/index.js';
import { BACKFILL_KEY, type BackfillTag, NOTIFY_MODES, type NotifyMode, backfillBody } from '../triggers/backfill-tag.js';
import { BACKFILL_USAGE } from './backfill-usage.js';
import type { CliIo } from './io.js';
import { SCAN_OPTIONS, parseScanRequest } from './scan-args.js';
import { createInputReader, listInputs } from './scan-inputs.js';

const SQS_BATCH = 10;
const SEND_TIMEOUT_MS = 30_000;
/** The digest request waits this long in the queue, so object messages go first. */
const DIGEST_DELAY_S = 900;

/** Region of an SQS queue URL (`https://sqs.eu-west-1.amazonaws.com/…`), if it names one. */
export function queueRegion(url: string): string | undefined {
  const host = /^https?:\/\/([^/]+)/.exec(url)?.[1] ?? '';
  if (host === 'message-queue.api.cloud.yandex.net') return 'ru-central1';
  return /^sqs[.-]([a-z0-9-]+)\.amazonaws\.com/.exec(host)?.[1];
}

/** Run `backfill` with its arguments (after the word `backfill`). */
export async function backfill(argv: readonly string[], io: CliIo): Promise<number> {
  // biome-ignore lint/suspicious/noImplicitAnyLet: parseArgs infers the type from its options, assigned in the try below
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        since: SCAN_OPTIONS.since,
        until: SCAN_OPTIONS.until,
        accounts: SCAN_OPTIONS.accounts,
        regions: SCAN_OPTIONS.regions,
        concurrency: SCAN_OPTIONS.concurrency,
        queue: { type: 'string' },
        notify: { type: 'string', default: 'digest' },
        config: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`audit-responder backfill: ${describeError(error)}\n\n${BACKFILL_USAGE}\n`);
    return 64;
  }
  const { values, positionals } = parsed;
  const usage = (message: string) => {
    io.err(`audit-responder backfill: ${message}\n\n${BACKFILL_USAGE}\n`);
    return 64;
  };
  if (positionals.length === 0 || positionals.some((p) => !parseS3Url(p))) return usage('give one or more s3://BUCKET/PREFIX locations');
  if (!values.queue) return usage('--queue URL is required');
  if (!(NOTIFY_MODES as readonly string[]).includes(values.notify)) return usage(`--notify must be none, digest or all, got "${values.notify}"`);
  const request = parseScanRequest(values, (io.now ?? Date.now)());
  if (typeof request === 'string') return usage(request);
  try {
    const config = loadConfig({ env: io.env, ruleIds, parseYaml, ...(values.config ? { file: values.config } : {}) });
    const options = { config, filter: request.filter, concurrency: request.concurrency, ...(io.s3Client ? { s3Client: io.s3Client } : {}), ...(io.now ? { now: io.now() } : {}) };
    const { refs, missing } = await listInputs(positionals, createInputReader(options), options);
    for (const m of missing) io.err(`audit-responder: ${m.path}: ${m.reason}\n`);
    const started = performance.now();
    const id = `bf-${new Date((io.now ?? Date.now)()).toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    const region = queueRegion(values.queue) ?? config.storage.region;
    const client = new SQSClient({ region, ...io.sqsClient });
    try {
      await sendAll(client, values.queue, refs, { id, notify: values.notify as NotifyMode }, request.concurrency);
    } finally {
      client.destroy();
    }
    const seconds = (performance.now() - started) / 1000;
    io.out(`${id}\n`);
    io.err(
      `backfill ${id}: sent ${refs.length} object message${refs.length === 1 ? '' : 's'}` +
        `${values.notify === 'digest' ? ' and 1 digest request' : ''} to ${values.queue} in ${seconds.toFixed(1)}s` +
        `${missing.length ? `, ${missing.length} input error${missing.length === 1 ? '' : 's'}` : ''}\n`,
    );
    return missing.length > 0 ? 2 : 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`audit-responder: ${error.message}\n`);
      return 78;
    }
    io.err(`audit-responder backfill: ${describeError(error)}\n`);
    return 70;
  }
}

/** Send every object message in batches of 10 (bounded in flight), then the digest request. */
async function sendAll(
  client: SQSClient,
  queue: string,
  refs: readonly { bucket: string; key: string; size?: number }[],
  base: { id: string; notify: NotifyMode },
  concurrency: number,
): Promise<void> {
  const total = refs.length;
  const entries: SendMessageBatchRequestEntry[] = refs.map((ref, seq) => ({
    Id: String(seq),
    MessageBody: backfillBody(ref, { ...base, seq, total }),
  }));
  const limit = semaphore(concurrency);
  const batches: Promise<void>[] = [];
  for (let i = 0; i < entries.length; i += SQS_BATCH) {
    const batch = entries.slice(i, i + SQS_BATCH);
    batches.push(limit(() => sendBatch(client, queue, batch)));
  }
  await Promise.all(batches);
  if (base.notify === 'digest') {
    const tag: BackfillTag = { ...base, seq: total, total, digest: true };
    await sendBatch(client, queue, [{ Id: 'digest', MessageBody: JSON.stringify({ Records: [], [BACKFILL_KEY]: tag }), DelaySeconds: DIGEST_DELAY_S }]);
  }
}

/** One SendMessageBatch; entries the queue rejects are sent again (3 tries). */
async function sendBatch(client: SQSClient, queue: string, batch: SendMessageBatchRequestEntry[]): Promise<void> {
  let pending = batch;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const out = await client.send(new SendMessageBatchCommand({ QueueUrl: queue, Entries: pending }), {
      abortSignal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    const failed = new Set((out.Failed ?? []).map((f) => f.Id));
    if (failed.size === 0) return;
    if (attempt >= 3) {
      const first = out.Failed?.[0];
      throw new Error(`SQS refused ${failed.size} message(s) of a batch: ${first?.Code ?? 'error'}: ${first?.Message ?? ''}`);
    }
    pending = pending.filter((e) => failed.has(e.Id));
  }
}
