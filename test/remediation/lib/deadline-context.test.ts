import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boundClient, withDeadline } from '../../../shared/remediation/lib/deadline-context.js';
import { createYandexApi } from '../../../shared/remediation/lib/yandex-api.js';
import type { ActionContext, AwsClients } from '../../../shared/remediation/action.js';

describe('deadline context', () => {
  let server: Server;
  let base: string;
  let arrived: string[];
  let closed: string[];
  beforeEach(async () => {
    arrived = [];
    closed = [];
    // A Yandex API that never answers: only the action's signal can end the request.
    server = createServer((req, res) => {
      arrived.push(`${req.method} ${req.url}`);
      res.on('close', () => closed.push(`${req.method} ${req.url}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('aborts a Yandex request that never answers when the action deadline fires', async () => {
    // Prepare: the API's own timeout is far away (60 s).
    const yandex = createYandexApi({ hosts: { vpc: base }, token: () => 't1.test', timeoutMs: 60_000 });
    const abort = new AbortController();
    const context = withDeadline({ yandex, aws: {} as AwsClients, logger: { log: () => {} } } as ActionContext, abort.signal);

    // Act
    const pending = context.yandex.request('GET', context.yandex.url('vpc', '/vpc/v1/securityGroups/enpsg000web'));
    await vi.waitFor(() => expect(arrived).toHaveLength(1));
    abort.abort(new Error('deadline'));

    // Assess
    await expect(pending).rejects.toThrow(/^GET http:\/\/127\.0\.0\.1:\d+\/vpc\/v1\/securityGroups\/enpsg000web: /);
    await vi.waitFor(() => expect(closed).toEqual(['GET /vpc/v1/securityGroups/enpsg000web']));
    expect(context.signal).toBe(abort.signal);
  });

  it('passes the deadline signal to every SDK send, merged with one the action gives', async () => {
    // Prepare
    const seen: (AbortSignal | undefined)[] = [];
    const client = { send: (_command: unknown, options?: { abortSignal?: AbortSignal }) => Promise.resolve(seen.push(options?.abortSignal)) };
    const deadline = new AbortController();
    const own = new AbortController();
    const bound = boundClient(client, deadline.signal);

    // Act
    await bound.send({});
    await bound.send({}, { abortSignal: own.signal });
    own.abort();

    // Assess
    expect(seen[0]).toBe(deadline.signal);
    expect(seen[1]?.aborted).toBe(true);
    expect(deadline.signal.aborted).toBe(false);
  });
});
