/**
 * A minimal SQS-speaking server on loopback for tests: the AWS JSON 1.0
 * protocol that `@aws-sdk/client-sqs` v3 (3.1175) speaks — `POST /` with
 * `X-Amz-Target: AmazonSQS.<Operation>` and `application/x-amz-json-1.0`
 * bodies. Operations: SendMessage, SendMessageBatch, ReceiveMessage,
 * DeleteMessage, DeleteMessageBatch, ChangeMessageVisibility. Bodies carry
 * real MD5s (the SDK checks them). `DelaySeconds` is recorded, not waited.
 * Queues are made by {@link startSqs}; an unknown queue URL gets
 * `QueueDoesNotExist`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message in a queue. */
export interface StoredMessage {
  readonly id: string;
  readonly body: string;
  readonly delaySeconds: number;
  receipt?: string;
  visibleAt: number;
  receives: number;
}

/** A running server. */
export interface TestSqs {
  readonly endpoint: string;
  queueUrl(name: string): string;
  /** Messages of a queue, received or not (deleted ones are gone). */
  messages(name: string): StoredMessage[];
  /** Calls per operation. */
  readonly calls: Record<string, number>;
  stop(): Promise<void>;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

class SqsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly query: string,
  ) {
    super(message);
  }
}

/** Start the server with the given queues (account 111122223333). */
export async function startSqs(queues: readonly string[], now: () => number = Date.now): Promise<TestSqs> {
  const store = new Map<string, StoredMessage[]>(queues.map((q) => [q, []]));
  const calls: Record<string, number> = {};
  let endpoint = '';
  const queueOf = (input: Record<string, unknown>) => {
    const url = String(input.QueueUrl ?? '');
    const name = url.startsWith(`${endpoint}/111122223333/`) ? url.slice(`${endpoint}/111122223333/`.length) : '';
    const list = store.get(name);
    if (!list) throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue;Sender');
    return list;
  };
  const send = (list: StoredMessage[], body: unknown, delay: unknown) => {
    if (typeof body !== 'string' || body.length === 0) throw new SqsError('InvalidParameterValue', 'MessageBody is required', 'InvalidParameterValue;Sender');
    const message: StoredMessage = { id: randomUUID(), body, delaySeconds: Number(delay ?? 0), visibleAt: 0, receives: 0 };
    list.push(message);
    return { MessageId: message.id, MD5OfMessageBody: md5(body) };
  };
  const byReceipt = (list: StoredMessage[], receipt: unknown) => {
    const index = list.findIndex((m) => m.receipt !== undefined && m.receipt === receipt);
    if (index === -1) throw new SqsError('ReceiptHandleIsInvalid', 'The receipt handle is not valid.', 'ReceiptHandleIsInvalid;Sender');
    return index;
  };
  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    SendMessage: (input) => send(queueOf(input), input.MessageBody, input.DelaySeconds),
    SendMessageBatch: (input) => {
      const list = queueOf(input);
      const entries = (input.Entries as { Id: string; MessageBody: string; DelaySeconds?: number }[] | undefined) ?? [];
      if (entries.length === 0 || entries.length > 10) throw new SqsError('TooManyEntriesInBatchRequest', 'A batch holds 1 to 10 entries.', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest;Sender');
      return { Successful: entries.map((e) => ({ Id: e.Id, ...send(list, e.MessageBody, e.DelaySeconds) })), Failed: [] };
    },
    ReceiveMessage: (input) => {
      const list = queueOf(input);
      const max = Number(input.MaxNumberOfMessages ?? 1);
      const visibility = Number(input.VisibilityTimeout ?? 30);
      const t = now();
      const out = list.filter((m) => m.visibleAt <= t).slice(0, max);
      for (const m of out) {
        m.receipt = randomUUID();
        m.visibleAt = t + visibility * 1000;
        m.receives += 1;
      }
      return { Messages: out.map((m) => ({ MessageId: m.id, ReceiptHandle: m.receipt, MD5OfBody: md5(m.body), Body: m.body, Attributes: { ApproximateReceiveCount: String(m.receives) } })) };
    },
    DeleteMessage: (input) => {
      const list = queueOf(input);
      list.splice(byReceipt(list, input.ReceiptHandle), 1);
      return {};
    },
    DeleteMessageBatch: (input) => {
      const list = queueOf(input);
      const entries = (input.Entries as { Id: string; ReceiptHandle: string }[] | undefined) ?? [];
      for (const e of entries) list.splice(byReceipt(list, e.ReceiptHandle), 1);
      return { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] };
    },
    ChangeMessageVisibility: (input) => {
      const list = queueOf(input);
      const m = list[byReceipt(list, input.ReceiptHandle)] as StoredMessage;
      m.visibleAt = now() + Number(input.VisibilityTimeout ?? 0) * 1000;
      return {};
    },
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers });
      res.end(JSON.stringify(body));
    };
    const target = String(req.headers['x-amz-target'] ?? '');
    const name = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
    const operation = operations[name];
    if (req.method !== 'POST' || !operation) {
      reply(400, { __type: 'com.amazonaws.sqs#InvalidAction', message: `unsupported: ${target}` });
      return;
    }
    calls[name] = (calls[name] ?? 0) + 1;
    try {
      reply(200, operation(JSON.parse(text || '{}') as Record<string, unknown>));
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      reply(400, { __type: `com.amazonaws.sqs#${error.type}`, message: error.message }, { 'x-amzn-query-error': error.query });
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    queueUrl: (name) => `${endpoint}/111122223333/${name}`,
    messages: (name) => store.get(name) ?? [],
    calls,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
