import { describe, expect, it } from 'vitest';
import { type ByteElement, ByteSplitter, type WatchedKeys } from '../../shared/formats/record-splitter.js';

const AWS: WatchedKeys = { action: Buffer.from('eventName'), envelope: [Buffer.from('eventID'), Buffer.from('eventSource')], service: Buffer.from('eventSource') };
const YANDEX: WatchedKeys = { action: Buffer.from('event_type'), envelope: [Buffer.from('event_id')], service: Buffer.from('event_source') };

interface Found {
  kind: string;
  index: number;
  action?: string;
  service?: string;
  text?: string;
}

function splitter(depth: number, found: Found[], engine?: 'js' | 'wasm') {
  return new ByteSplitter(
    depth,
    (e: ByteElement) =>
      found.push({
        kind: e.kind,
        index: e.index,
        ...(e.kind === 'object' ? { action: e.action, service: e.service, text: e.bytes.toString('utf8') } : {}),
      }),
    engine ? { engine } : {},
  );
}

const awsRecord = (i: number, name: string) => JSON.stringify({ eventID: `e-${i}`, eventSource: 's3.amazonaws.com', eventName: name, requestParameters: { bucketName: `b-${i}`, policy: '{"Statement":[{"Effect":"Allow"}]}' } });

describe('ByteSplitter on the WebAssembly scanner', () => {
  it('finds every element of a chunk holding more of them than one scan reports (the event buffer refills)', () => {
    // Prepare: 30 000 scalars and 5 000 records in one chunk
    const parts = [...Array.from({ length: 30_000 }, (_, i) => String(i)), ...Array.from({ length: 5_000 }, (_, i) => awsRecord(i, 'PutBucketAcl'))];
    const found: Found[] = [];
    const s = splitter(1, found);
    s.watch(AWS);

    // Act
    s.push(Buffer.from(`${parts.join(',')}]`));

    // Assess
    expect(s.done).toBe(true);
    expect(found).toHaveLength(35_000);
    expect(found.filter((f) => f.kind === 'other')).toHaveLength(30_000);
    expect(found.slice(30_000).every((f, i) => f.action === 'PutBucketAcl' && f.service === 's3.amazonaws.com' && f.index === 30_000 + i)).toBe(true);
  });

  it('reads every action right when there are more distinct ones than its intern table holds, long ones included', () => {
    const names = Array.from({ length: 5_000 }, (_, i) => (i % 7 === 0 ? `Long${'x'.repeat(120)}${i}` : `Action${i}é`));
    const text = `${names.map((name, i) => awsRecord(i, name)).join(',')}]`;
    for (const size of [1 << 20, 4096]) {
      const found: Found[] = [];
      const s = splitter(1, found);
      s.watch(AWS);
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; at += size) s.push(bytes.subarray(at, at + size));
      const read = found.filter((f) => f.action !== undefined);
      expect(read.length).toBeGreaterThan(4_000);
      expect(read.every((f) => names[f.index] === f.action)).toBe(true);
    }
  });

  it('takes a chunk larger than its memory (it grows) and keeps the records whole', () => {
    const record = JSON.stringify({ eventID: 'e', eventSource: 's', eventName: 'CreateUser', requestParameters: { blob: 'x'.repeat(6 * 1024 * 1024) } });
    const found: Found[] = [];
    const s = splitter(1, found);
    s.watch(AWS);
    s.push(Buffer.from(`${record},${record}]`));
    expect(found.map((f) => [f.action, f.text?.length])).toEqual([
      ['CreateUser', record.length],
      ['CreateUser', record.length],
    ]);
  });

  it('keeps two interleaved streams apart (one module, a state per splitter), AWS and Yandex keys at once', () => {
    const aws = Buffer.from(`${Array.from({ length: 40 }, (_, i) => awsRecord(i, `Action${i}`)).join(',')}]`);
    const yandex = Buffer.from(
      `${Array.from({ length: 40 }, (_, i) => JSON.stringify({ event_id: `y-${i}`, event_source: 'network', event_type: `yandex.cloud.audit.network.Op${i}`, details: { note: '"quoted" \\ [x]' } })).join(',')}]`,
    );
    const seen = { aws: [] as Found[], yandex: [] as Found[] };
    const a = splitter(1, seen.aws);
    const y = splitter(1, seen.yandex);
    a.watch(AWS);
    y.watch(YANDEX);
    for (let at = 0; at < Math.max(aws.length, yandex.length); at += 333) {
      a.push(aws.subarray(at, at + 333));
      y.push(yandex.subarray(at, at + 333));
    }
    expect(a.done && y.done).toBe(true);
    expect(seen.aws.map((f) => f.text)).toEqual(JSON.parse(`[${aws.toString()}`).map((r: unknown) => JSON.stringify(r)));
    expect(seen.yandex.map((f) => f.text)).toEqual(JSON.parse(`[${yandex.toString()}`).map((r: unknown) => JSON.stringify(r)));
    // Records that lie in one chunk have their action read from the bytes.
    expect(seen.aws.filter((f) => f.action !== undefined).every((f) => f.text?.includes(`"eventName":"${f.action}"`))).toBe(true);
    expect(seen.yandex.some((f) => f.action?.startsWith('yandex.cloud.audit.network.Op'))).toBe(true);
  });

  it('reads the keys a splitter starts watching mid-chunk, not those another splitter left in the module', () => {
    // Prepare: an AWS splitter loads its keys; a Yandex one starts watching at its first record, as an array stream does
    const aws = splitter(1, []);
    aws.watch(AWS);
    aws.push(Buffer.from(`${awsRecord(0, 'PutBucketAcl')},`));
    const events = Array.from({ length: 20 }, (_, i) => JSON.stringify({ event_id: `y-${i}`, event_source: 'network', event_type: `yandex.cloud.audit.network.Op${i}` }));
    const found: Found[] = [];
    const yandex = new ByteSplitter(1, (e) => {
      found.push({ kind: e.kind, index: e.index, ...(e.kind === 'object' ? { action: e.action } : {}) });
      if (e.index === 0) yandex.watch(YANDEX);
    });

    // Act
    yandex.push(Buffer.from(`${events.join(',')}]`));

    // Assess: every record after the first has its action read from the bytes
    expect(found.slice(1).map((f) => f.action)).toEqual(events.slice(1).map((_, i) => `yandex.cloud.audit.network.Op${i + 1}`));
  });

  it('goes on in JavaScript when the watched keys are too long for the module, with the same elements', () => {
    const long = 'k'.repeat(80);
    const keys: WatchedKeys = { action: Buffer.from(long), envelope: [Buffer.from('id')] };
    const text = `${[1, 2, 3].map((i) => JSON.stringify({ id: `${i}`, [long]: `Op${i}` })).join(',')}]`;
    const viaWasm: Found[] = [];
    const viaJs: Found[] = [];
    const w = splitter(1, viaWasm);
    const j = splitter(1, viaJs, 'js');
    w.push(Buffer.from(text.slice(0, 10)));
    j.push(Buffer.from(text.slice(0, 10)));
    w.watch(keys);
    j.watch(keys);
    w.push(Buffer.from(text.slice(10)));
    j.push(Buffer.from(text.slice(10)));
    expect(viaWasm).toEqual(viaJs);
    expect(viaWasm.map((f) => f.action)).toEqual([undefined, 'Op2', 'Op3']);
  });

  it('reports a record over maxRecordBytes even when no rule reads its action', () => {
    const found: Found[] = [];
    const skipped: number[] = [];
    const s = new ByteSplitter(1, (e) => found.push({ kind: e.kind, index: e.index }), { maxRecordBytes: 100 });
    s.watch(AWS, () => true, () => skipped.push(1));
    s.push(Buffer.from(`${awsRecord(1, 'ListUsers')},${JSON.stringify({ eventID: 'e', eventSource: 's', eventName: 'ListUsers' })}]`));
    expect(found).toEqual([{ kind: 'oversize', index: 0 }]);
    expect(skipped).toHaveLength(1);
  });
});
