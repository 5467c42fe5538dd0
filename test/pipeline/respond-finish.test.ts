/**
 * `finishBatch`, the end of every batch (functions and the local `scan`):
 * one finding per key → remediate → every destination in parallel → report.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import { NotifyError } from '../../shared/errors.js';
import type { ObjectReader } from '../../shared/io/object-ref.js';
import type { Logger } from '../../shared/log.js';
import type { Notifier } from '../../shared/notifiers/notifier.js';
import { processObject } from '../../shared/pipeline/process-object.js';
import { finishBatch } from '../../shared/pipeline/respond.js';
import { createEngine } from '../../shared/rules/engine.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import type { Ledger } from '../../shared/store/ledger.js';
import type { Finding } from '../../shared/types.js';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';

const KEY = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T1205Z_fin.json.gz';

/** Real findings of the engine: a world-open security group and a public bucket. */
async function findings(): Promise<Finding[]> {
  const bytes = gzipSync(JSON.stringify({ Records: [sgRecord(), bucketFindingRecord()] }));
  const reader: ObjectReader = { open: async () => (async function* () { yield bytes; })() };
  const engine = createEngine(allRules, loadConfig({ env: {}, ruleIds }));
  const report = await processObject({ bucket: 'trail', key: KEY }, { reader, engine, maxObjectBytes: 1e6 });
  return [...report.findings];
}

function capture() {
  const logs: Record<string, unknown>[] = [];
  const logger: Logger = { log: (level, message, fields) => logs.push({ level, message, ...fields }) };
  return { logs, logger };
}

const recording = (name: string, sent: string[][]): Notifier => ({
  name,
  async send(batch) {
    sent.push(batch.map((f) => f.dedupKey));
    return { sent: 1, alreadySent: 0 };
  },
});

describe('finishBatch', () => {
  it('alerts each finding once, and one failing destination does not stop another', async () => {
    // Prepare
    const found = await findings();
    const sent: string[][] = [];
    const { logger } = capture();
    const failing: Notifier = { name: 'down', send: () => Promise.reject(new NotifyError('telegram', '502 Bad Gateway', 502, false)) };

    // Act
    const outcome = await finishBatch([...found, ...found], { logger, notifiers: [failing, recording('memory', sent)] });

    // Assess
    expect(found.length).toBeGreaterThan(1);
    expect(outcome.findings.map((f) => f.dedupKey)).toEqual(found.map((f) => f.dedupKey));
    expect(sent).toEqual([found.map((f) => f.dedupKey)]);
    expect(outcome.notifyErrors).toEqual([{ notifier: 'down', reason: expect.stringContaining('502 Bad Gateway'), transient: false }]);
    expect(outcome.ledgerError).toBeUndefined();
  });

  it('passes remediation the deadline, owner and notify reserve, and alerts what it returns', async () => {
    // Prepare
    const found = await findings();
    const sent: string[][] = [];
    const { logger } = capture();
    const seen: { owner: string; reserve: number }[] = [];

    // Act
    const outcome = await finishBatch(found, {
      logger,
      notifiers: [recording('memory', sent)],
      owner: 'req-1',
      reserveMs: 5_000,
      remediate: async (batch, _ledger, context) => {
        seen.push({ owner: context.owner, reserve: context.notifyReserveMs });
        return batch.map((f, i) => (i === 0 ? { ...f, suppressed: { reason: 'allowed' } } : f));
      },
    });

    // Assess
    expect(seen).toEqual([{ owner: 'req-1', reserve: 3_000 }]);
    expect(outcome.alerted.map((f) => f.dedupKey)).toEqual(found.slice(1).map((f) => f.dedupKey));
    expect(sent).toEqual([found.slice(1).map((f) => f.dedupKey)]);
  });

  it('alerts the findings as found when the remediator throws, and logs why', async () => {
    // Prepare
    const found = await findings();
    const sent: string[][] = [];
    const { logs, logger } = capture();

    // Act
    const outcome = await finishBatch(found, {
      logger,
      notifiers: [recording('memory', sent)],
      remediate: () => Promise.reject(new Error('STS unreachable')),
    });

    // Assess
    expect(outcome.alerted).toHaveLength(found.length);
    expect(sent).toHaveLength(1);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'remediation failed', reason: expect.stringContaining('STS unreachable') }));
  });

  it('still alerts when the ledger is down, and names the ledger in the outcome', async () => {
    // Prepare
    const found = await findings();
    const sent: string[][] = [];
    const { logger } = capture();
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:8000');
    const down: Ledger = {
      has: () => Promise.reject(refused),
      add: () => Promise.reject(refused),
      claim: () => Promise.reject(refused),
      release: () => Promise.reject(refused),
      acquire: () => Promise.reject(refused),
      complete: () => Promise.reject(refused),
    };

    // Act
    const outcome = await finishBatch(found, {
      logger,
      ledger: down,
      ledgerName: 'DynamoDB table t',
      notifiers: [recording('memory', sent)],
      remediate: async (batch, ledger) => {
        await ledger.claim('remediation:x').catch(() => false);
        return [...batch];
      },
    });

    // Assess
    expect(sent).toHaveLength(1);
    expect(outcome.ledgerError).toContain('DynamoDB table t');
  });
});
