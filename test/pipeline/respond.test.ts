import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ObjectReader } from '../../shared/io/object-ref.js';
import type { Logger } from '../../shared/log.js';
import type { Notifier } from '../../shared/notifiers/notifier.js';
import { respond } from '../../shared/pipeline/respond.js';
import { RetryableBatchError, failIfRetryable } from '../../shared/pipeline/retry.js';
import { createEngine } from '../../shared/rules/engine.js';
import { loadConfig } from '../../shared/config/load.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import type { Ledger } from '../../shared/store/ledger.js';
import { bucketFindingRecord, sgRecord } from '../helpers/records.js';

const config = loadConfig({ env: {}, ruleIds });
const KEY = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T1205Z_resp.json.gz';
const bytes = gzipSync(JSON.stringify({ Records: [sgRecord(), bucketFindingRecord()] }));
const reader: ObjectReader = {
  async open() {
    return (async function* () {
      yield bytes;
    })();
  },
};

function capture() {
  const logs: Record<string, unknown>[] = [];
  const logger: Logger = { log: (level, message, fields) => logs.push({ level, message, ...fields }) };
  return { logs, logger };
}

const recording = (name: string, sent: string[][]): Notifier => ({
  name,
  async send(findings) {
    sent.push(findings.map((f) => f.dedupKey));
    return { sent: 1, alreadySent: 0 };
  },
});

const refused = new Error('connect ECONNREFUSED 127.0.0.1:8000');
const downLedger: Ledger = {
  has: () => Promise.reject(refused),
  add: () => Promise.reject(refused),
  claim: () => Promise.reject(refused),
  release: () => Promise.reject(refused),
  acquire: () => Promise.reject(refused),
  complete: () => Promise.reject(refused),
};

describe('respond', () => {
  it('notifies every finding when the ledger is down, logs one error naming it, and asks for a retry', async () => {
    // Prepare
    const { logs, logger } = capture();
    const sent: string[][] = [];
    const engine = createEngine(allRules, config);

    // Act
    const report = await respond([{ bucket: 'trail', key: KEY }], {
      reader, engine, maxObjectBytes: 1e6, logger, notifiers: [recording('memory', sent)], ledger: downLedger, ledgerName: 'DynamoDB table ledger-t',
      remediate: async (findings, ledger) => {
        await ledger.claim('remediation:x').catch(() => false);
        return [...findings];
      },
    });

    // Assess
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(2);
    const errors = logs.filter((l) => l.level === 'error');
    expect(errors).toEqual([expect.objectContaining({ ledger: 'DynamoDB table ledger-t', reason: expect.stringContaining('ECONNREFUSED') })]);
    expect(() => failIfRetryable(report)).toThrow(RetryableBatchError);
  });

  it('sends to every notifier at once, so a slow one does not hold back the others', async () => {
    // Prepare: the first notifier finishes only after the second one was called
    const { logger } = capture();
    let secondCalled: () => void = () => {};
    const second = new Promise<void>((resolve) => {
      secondCalled = resolve;
    });
    const waiting: Notifier = {
      name: 'waiting',
      async send() {
        const outcome = await Promise.race([second.then(() => 'together'), new Promise((r) => setTimeout(() => r('alone'), 5_000))]);
        if (outcome !== 'together') throw new Error('the other notifier was not called meanwhile');
        return { sent: 1, alreadySent: 0 };
      },
    };
    const quick: Notifier = {
      name: 'quick',
      async send() {
        secondCalled();
        return { sent: 1, alreadySent: 0 };
      },
    };

    // Act
    const report = await respond([{ bucket: 'trail', key: KEY }], { reader, engine: createEngine(allRules, config), maxObjectBytes: 1e6, logger, notifiers: [waiting, quick] });

    // Assess
    expect(report.notifyErrors).toEqual([]);
  });

  it('keeps the alert when remediation throws', async () => {
    // Prepare
    const { logs, logger } = capture();
    const sent: string[][] = [];

    // Act
    const report = await respond([{ bucket: 'trail', key: KEY }], {
      reader, engine: createEngine(allRules, config), maxObjectBytes: 1e6, logger, notifiers: [recording('memory', sent)],
      remediate: async () => {
        throw new Error('remediation client exploded');
      },
    });

    // Assess
    expect(report.alerted).toHaveLength(2);
    expect(sent[0]).toHaveLength(2);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'remediation failed' }));
  });
});
