/**
 * The silence alarm on Yandex Cloud Functions: the timer-trigger handler
 * (`functions/yandex-heartbeat.ts`) over a real ledger (dynalite) and a local
 * S3 server, fed by the Object Storage handler as in a deployment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as createHeartbeatHandler } from '../../functions/yandex-heartbeat.js';
import { createHandler as createStorageHandler } from '../../functions/yandex-storage.js';
import { configSchema } from '../../shared/config/schema.js';
import { createS3Reader } from '../../shared/io/s3-reader.js';
import { silentLogger } from '../../shared/log.js';
import type { Notifier } from '../../shared/notifiers/notifier.js';
import { createRuntime } from '../../shared/runtime.js';
import { dynamoLedger } from '../../shared/store/dynamodb-ledger.js';
import type { Finding } from '../../shared/types.js';
import { type TestDynamo, startDynamo } from '../helpers/dynamo-server.js';
import { S3_CREDENTIALS, type TestS3, startS3 } from '../helpers/s3-server.js';
import { yandexTrigger } from '../helpers/triggers.js';
import { yandexEvent } from '../helpers/yandex.js';

const HEALTHY = 'trail/audit/healthy/';
const SILENT = 'trail/audit/silent/';
/** A timer trigger call, in the documented shape. */
const timerCall = {
  messages: [
    {
      event_metadata: {
        event_id: 'a1s41g2n5g0o5p8a8u2n',
        event_type: 'yandex.cloud.events.serverless.triggers.TimerMessage',
        created_at: '2026-10-01T12:15:00.000Z',
        cloud_id: 'b1gq4example0cloud01',
        folder_id: 'b1g2example0folder01',
      },
      details: { trigger_id: 'a1sfe084v4example001', payload: '' },
    },
  ],
};

let db: TestDynamo;
let s3: TestS3;
beforeAll(async () => {
  [db, s3] = await Promise.all([startDynamo(), startS3(['trail'])]);
});
afterAll(async () => {
  await Promise.all([db?.stop(), s3?.stop()]);
});

/** Put a Yandex Audit Trails object under `prefix` (bucket-relative) and run the Object Storage handler on it. */
async function arrive(rt: ReturnType<typeof createRuntime>, prefix: string, name: string): Promise<void> {
  const key = `${prefix.slice('trail/'.length)}${name}.json`;
  await s3.put('trail', key, Buffer.from(JSON.stringify([yandexEvent('compute', 'ListInstances', {})])));
  await createStorageHandler(() => rt)(yandexTrigger([{ bucket: 'trail', key }]));
}

function runtime() {
  const sent: Finding[] = [];
  const notifier: Notifier = {
    name: 'recorder',
    send: async (findings) => {
      sent.push(...findings);
      return { sent: findings.length, alreadySent: 0 };
    },
  };
  const rt = createRuntime({
    cloud: 'yandex',
    env: {},
    config: configSchema.parse({ heartbeat: { prefixes: [HEALTHY, SILENT], maxSilenceMinutes: 30 } }),
    reader: createS3Reader({ endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1', maxObjectBytes: 1e8, client: { credentials: S3_CREDENTIALS } }),
    ledger: dynamoLedger({ table: db.table, client: db.client }),
    notifiers: [notifier],
    logger: silentLogger,
  });
  return { rt, sent };
}

describe('silence alarm on Yandex (timer trigger)', () => {
  it('alerts once for a silent prefix, never for a healthy one, and once when logs resume', async () => {
    // Prepare
    const { rt, sent } = runtime();
    const heartbeat = createHeartbeatHandler(() => rt);
    await arrive(rt, HEALTHY, 'first');

    // Act
    const first = await heartbeat(timerCall);
    const second = await heartbeat(timerCall);
    await arrive(rt, SILENT, 'back');
    const third = await heartbeat(timerCall);

    // Assess
    expect([first, second, third]).toEqual([
      { checked: 2, alerts: 1, errors: [] },
      { checked: 2, alerts: 0, errors: [] },
      { checked: 2, alerts: 1, errors: [] },
    ]);
    expect(sent.map((f) => [f.ruleId, f.event.cloud, f.resource.id])).toEqual([
      ['heartbeat-logs-silent', 'yandex', SILENT],
      ['heartbeat-logs-resumed', 'yandex', SILENT],
    ]);
  });
});
