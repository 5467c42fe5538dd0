/**
 * The byte splitter's two engines, the WebAssembly scanner and JavaScript,
 * on the same random documents cut into the same random chunks: the same
 * elements (kind, index, offset, bytes, size), the same records skipped,
 * the same tail. The WebAssembly engine reads a record's action at least
 * where JavaScript does (where JavaScript gives up at a chunk edge it may
 * still know it), and then it is the action `JSON.parse` finds.
 *
 * Documents are built to hit the scanner's paths: records with the watched
 * keys at their top level (plain, escaped, twice, non-string), nested values
 * deep and long (16-byte blocks, with and without backslashes, quotes and
 * brackets inside strings), multi-byte characters, scalars where records
 * should be, pretty-printing.
 *
 * Runs: 1 500 + 300.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ByteElement, ByteSplitter, type WatchedKeys } from '../../shared/formats/record-splitter.js';
import { structuralScanner } from '../../shared/formats/structural-scan.js';

const KEYS: WatchedKeys = { action: Buffer.from('eventName'), envelope: [Buffer.from('eventID'), Buffer.from('eventSource')], service: Buffer.from('eventSource') };

/** Strings with everything the scanner must not be fooled by, short and long. */
const tricky = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', 'é', '🚨', ' ', 'a', '\n'), maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', 'b', '/', '-', '"', '\\'), minLength: 14, maxLength: 70 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom('eventName', 'eventSource', 'eventID', 'Records', '\\"eventName\\":\\"x\\"'),
);

const nested: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', maxDepth: 5 },
    tricky,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(tricky, fc.constantFrom('eventName', 'eventSource')), tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** A record as JSON text: watched keys in any order, sometimes odd. */
const recordText = fc
  .record({
    name: fc.oneof(fc.constantFrom('PutBucketAcl', 'ListUsers', 'GetObject'), tricky),
    source: fc.oneof(fc.constantFrom('s3.amazonaws.com', 'iam.amazonaws.com'), tricky),
    extra: fc.dictionary(tricky, nested, { maxKeys: 4 }),
    oddity: fc.constantFrom('none', 'none', 'none', 'escaped-key', 'escaped-value', 'twice', 'number', 'no-envelope', 'object-value'),
    order: fc.nat({ max: 3 }),
  })
  .map(({ name, source, extra, oddity, order }) => {
    const pairs: string[] = [`"eventID":${JSON.stringify('id')}`, `"eventSource":${JSON.stringify(source)}`, `"eventName":${JSON.stringify(name)}`];
    for (const [k, v] of Object.entries(extra)) pairs.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
    if (oddity === 'escaped-key') pairs[2] = `"event\\u004eame":${JSON.stringify(name)}`;
    if (oddity === 'escaped-value') pairs[2] = '"eventName":"Put\\u0042ucketAcl"';
    if (oddity === 'twice') pairs.push('"eventName":"GetObject"');
    if (oddity === 'number') pairs[2] = '"eventName":12';
    if (oddity === 'object-value') pairs[2] = '"eventName":{"eventName":"PutBucketAcl"}';
    if (oddity === 'no-envelope') pairs.shift();
    const rotated = [...pairs.slice(order % pairs.length), ...pairs.slice(0, order % pairs.length)];
    return `{${rotated.join(',')}}`;
  });

const elementText = fc.oneof({ weight: 6, arbitrary: recordText }, { weight: 1, arbitrary: nested.map((v) => JSON.stringify(v)) });

const documentBytes = fc
  .tuple(fc.array(elementText, { maxLength: 7 }), fc.boolean(), fc.boolean())
  .map(([elements, cloudTrail, pretty]) => {
    const array = `[${elements.join(pretty ? ',\n  ' : ',')}]`;
    const text = cloudTrail ? `{"Records":${array}}` : array;
    // Pretty-printing re-serializes: whitespace between every token.
    const shown = pretty ? JSON.stringify(JSON.parse(text), null, 2) : text;
    return { bytes: Buffer.from(shown, 'utf8'), cloudTrail };
  });

const cuts = (length: number) => fc.array(fc.nat({ max: Math.max(0, length) }), { maxLength: 10 }).map((a) => [...new Set(a)].sort((x, y) => x - y));

interface Seen {
  readonly elements: { kind: string; index: number; offset: number; text?: string; size?: number; action?: string; service?: string }[];
  readonly skipped: number;
  readonly done: boolean;
  readonly rest: string | undefined;
}

function split(engine: 'js' | 'wasm', bytes: Buffer, at: readonly number[], depth: number, maxRecordBytes: number): Seen {
  const elements: Seen['elements'] = [];
  let skipped = 0;
  const splitter = new ByteSplitter(
    depth,
    (e: ByteElement) =>
      elements.push({
        kind: e.kind,
        index: e.index,
        offset: e.offset,
        ...(e.kind === 'object' ? { text: e.bytes.toString('latin1'), action: e.action, service: e.service } : {}),
        ...(e.kind === 'oversize' ? { size: e.size } : {}),
      }),
    { engine, maxRecordBytes },
    7,
  );
  splitter.watch(KEYS, (action) => action === 'ListUsers', () => {
    skipped += 1;
  });
  let from = 0;
  for (const cut of [...at, bytes.length]) {
    splitter.push(bytes.subarray(from, cut));
    from = cut;
  }
  return { elements, skipped, done: splitter.done, rest: splitter.rest?.toString('latin1') };
}

/** The action a full parse finds at a record's top level, when it is a string. */
function parsedAction(text: string): string | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'latin1').toString('utf8')) as { eventName?: unknown };
    return typeof value.eventName === 'string' ? value.eventName : undefined;
  } catch {
    return undefined;
  }
}

describe('ByteSplitter engines agree', () => {
  it('runs the WebAssembly engine here', () => {
    expect(structuralScanner()).toBeDefined();
  });

  it('same elements, skips and tail from both engines, wherever the chunks are cut (1 500 runs)', () => {
    fc.assert(
      fc.property(
        documentBytes.chain((doc) => fc.tuple(fc.constant(doc), cuts(doc.bytes.length), fc.constantFrom(1e9, 300, 60))),
        ([{ bytes, cloudTrail }, at, maxRecordBytes]) => {
          const open = bytes.indexOf('[', cloudTrail ? 1 : 0) + 1;
          const body = bytes.subarray(open);
          const points = at.map((c) => Math.min(body.length, Math.max(0, c - open)));
          const depth = cloudTrail ? 2 : 1;
          const js = split('js', body, points, depth, maxRecordBytes);
          const wasm = split('wasm', body, points, depth, maxRecordBytes);
          const strip = (s: Seen) => s.elements.map(({ action: _a, service: _s, ...rest }) => rest);
          expect(strip(wasm)).toEqual(strip(js));
          expect(wasm.skipped).toBe(js.skipped);
          expect(wasm.done).toBe(js.done);
          expect(wasm.rest).toBe(js.rest);
          for (const [i, w] of wasm.elements.entries()) {
            const j = js.elements[i];
            if (j?.action !== undefined) expect(w.action).toBe(j.action);
            if (j?.service !== undefined && j.action !== undefined) expect(w.service).toBe(j.service);
            if (w.action !== undefined && w.text !== undefined) expect(w.action).toBe(parsedAction(w.text));
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('agree on documents fed one byte at a time (300 runs)', () => {
    fc.assert(
      fc.property(documentBytes, ({ bytes, cloudTrail }) => {
        const open = bytes.indexOf('[', cloudTrail ? 1 : 0) + 1;
        const body = bytes.subarray(open);
        const every = Array.from({ length: body.length }, (_, i) => i);
        const depth = cloudTrail ? 2 : 1;
        const js = split('js', body, every, depth, 1e9);
        const wasm = split('wasm', body, every, depth, 1e9);
        expect(wasm.elements.map((e) => e.text)).toEqual(js.elements.map((e) => e.text));
        expect(wasm.done).toBe(js.done);
      }),
      { numRuns: 300 },
    );
  });
});
