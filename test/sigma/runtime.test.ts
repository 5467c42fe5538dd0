/**
 * Sigma in the function runtime: `sigma.paths` resolved against the config
 * file, a correlation burst spread over two invocations (two cold starts)
 * with its state in the ledger table (dynalite) seen once, and alerts that
 * name the rule's author.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileReader } from '../../shared/io/file-reader.js';
import type { Logger } from '../../shared/log.js';
import { alertView } from '../../shared/notifiers/alert-fields.js';
import { respond } from '../../shared/pipeline/respond.js';
import { createRuntimeAsync } from '../../shared/runtime.js';
import { dynamoCorrelationStore } from '../../shared/store/correlation-store.js';
import { memoryLedger } from '../../shared/store/ledger.js';
import type { Finding } from '../../shared/types.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  await dynamo.stop();
});

const RULES = `title: Access key created
id: d4d4d4d4-e5e5-4f6f-8a7a-b8b8b8b8b8b8
name: access_key_created
author: Jane Analyst
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    eventSource: iam.amazonaws.com
    eventName: CreateAccessKey
  condition: selection
level: medium
---
title: Many access keys created by one caller
id: e5e5e5e5-f6f6-4a7a-8b8b-c9c9c9c9c9c9
author: Corr Author
level: high
correlation:
  type: event_count
  rules: [access_key_created]
  group-by: [userIdentity.arn]
  timespan: 15m
  condition: {gte: 3}
`;

function keyCreated(minute: number) {
  return cloudTrailRecord({ eventName: 'CreateAccessKey', eventTime: `2026-10-01T12:${String(minute).padStart(2, '0')}:00Z`, requestParameters: { userName: `svc-${minute}` } });
}

async function invoke(configFile: string, logFile: string) {
  const sent: Finding[] = [];
  const logs: Record<string, unknown>[] = [];
  const logger: Logger = { log: (level, message, fields) => logs.push({ level, message, ...fields }) };
  const runtime = await createRuntimeAsync({
    cloud: 'aws',
    env: { AUDIT_RESPONDER_CONFIG: configFile },
    reader: createFileReader(1 << 20),
    notifiers: [{ name: 'memory', send: async (findings) => { sent.push(...findings); return { sent: 1, alreadySent: 0 }; } }],
    logger,
    ledger: memoryLedger(),
    correlationStore: dynamoCorrelationStore({ table: dynamo.table, client: dynamo.client }),
  });
  await respond([{ bucket: '', key: logFile }], runtime);
  return { sent: sent.filter((f) => f.category === 'sigma'), logs };
}

describe('Sigma in the functions', () => {
  it('sees a burst spread over two invocations once, from the ledger table, and names the author', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'ar-sigma-rt-'));
    mkdirSync(join(dir, 'config', 'sigma'), { recursive: true });
    writeFileSync(join(dir, 'config', 'sigma', 'keys.yml'), RULES);
    const configFile = join(dir, 'config', 'stage.json');
    writeFileSync(configFile, JSON.stringify({ sigma: { paths: ['sigma'] } }));
    const first = join(dir, 'first.json');
    const second = join(dir, 'second.json');
    writeFileSync(first, JSON.stringify({ Records: [keyCreated(0), keyCreated(2)] }));
    writeFileSync(second, JSON.stringify({ Records: [keyCreated(4), keyCreated(6)] }));

    // Act
    const one = await invoke(configFile, first);
    const two = await invoke(configFile, second);

    // Assess
    expect(one.sent).toHaveLength(0);
    expect(two.sent.map((f) => f.ruleId)).toEqual(['sigma:e5e5e5e5-f6f6-4a7a-8b8b-c9c9c9c9c9c9']);
    expect(two.sent[0]?.evidence.details.events).toHaveLength(3);
    const view = alertView(two.sent[0] as Finding);
    expect(view.fields.find((f) => f.label === 'Sigma rule')?.value).toContain('by Corr Author');
    expect(one.logs).toContainEqual(expect.objectContaining({ message: 'sigma rules', rules: 1, correlations: 1, runOnEveryRecord: 0 }));
  });
});
