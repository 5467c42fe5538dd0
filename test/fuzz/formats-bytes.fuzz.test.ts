/**
 * Property-based tests of the byte splitter against `JSON.parse`: random
 * documents (any JSON values as elements, hostile strings with quotes,
 * backslashes, brackets and multi-byte characters, pretty-printed or not)
 * cut into random chunks give exactly the elements `JSON.parse` sees, in
 * order; the streamed parse and the in-memory parse agree on the events;
 * the byte prefilter keeps exactly the records a full parse would keep,
 * by action and by service.
 *
 * Runs: 1 000 + 500 + 300 + 300.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLogObject, parseLogStream } from '../../shared/formats/index.js';
import { type ByteElement, ByteSplitter } from '../../shared/formats/record-splitter.js';
import { hostileString } from '../helpers/arbitraries.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { sgRecord } from '../helpers/records.js';

/** JSON values whose strings are hostile (quotes, backslashes, brackets, emoji, lone surrogates). */
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', 'é', '🚨', ' '), maxLength: 12 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('eventName', 'Records')), tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** Sorted cut points inside `length`. */
const cuts = (length: number) => fc.array(fc.nat({ max: Math.max(0, length) }), { maxLength: 8 }).map((a) => [...new Set(a)].sort((x, y) => x - y));

function splitBytes(bytes: Buffer, at: readonly number[], depth: number): { elements: unknown[]; done: boolean } {
  const elements: unknown[] = [];
  const splitter = new ByteSplitter(depth, (e: ByteElement) => elements.push(e.kind === 'object' ? JSON.parse(e.bytes.toString('utf8')) : e.kind));
  let from = 0;
  for (const cut of [...at, bytes.length]) {
    splitter.push(bytes.subarray(from, cut));
    from = cut;
  }
  return { elements, done: splitter.done };
}

const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

describe('ByteSplitter against JSON.parse', () => {
  it('finds exactly the elements JSON.parse finds, wherever the chunks are cut (1 000 runs)', () => {
    const doc = fc.tuple(fc.array(value, { maxLength: 6 }), fc.boolean(), fc.boolean());
    fc.assert(
      fc.property(
        doc.chain(([elements, cloudTrail, pretty]) => {
          const text = JSON.stringify(cloudTrail ? { Records: elements } : elements, null, pretty ? 2 : undefined);
          const bytes = Buffer.from(text, 'utf8');
          return fc.tuple(fc.constant({ bytes, cloudTrail }), cuts(bytes.length));
        }),
        ([{ bytes, cloudTrail }, at]) => {
          // The bytes after the array's `[`, as the stream hands them over.
          const open = bytes.indexOf('[') + 1;
          const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
          const expected = (cloudTrail ? (parsed as { Records: unknown[] }).Records : (parsed as unknown[])).map((e) => (isObject(e) ? e : 'other'));
          const { elements, done } = splitBytes(bytes.subarray(open), at.map((c) => Math.max(0, c - open)).filter((c) => c <= bytes.length - open), cloudTrail ? 2 : 1);
          expect(elements).toEqual(expected);
          expect(done).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('streamed and in-memory parses agree on records with hostile fields, chunks cut anywhere (500 runs)', async () => {
    const record = fc.record({ userAgent: hostileString, eventName: fc.constantFrom('AuthorizeSecurityGroupIngress', 'ListUsers', 'List\\Users') });
    const options = { maxBytes: 1e7 };
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 6 }), fc.integer({ min: 1, max: 200 }), async (fields, size) => {
        const bytes = Buffer.from(JSON.stringify({ Records: fields.map((f) => ({ ...sgRecord(), ...f })) }));
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        const streamed = await parseLogStream(Readable.from(chunks), 'k.json', options);
        const memory = parseLogObject(bytes, 'k.json', options);
        expect(streamed.events.map((e) => [e.id, e.action, e.actor.userAgent])).toEqual(memory.events.map((e) => [e.id, e.action, e.actor.userAgent]));
        expect(streamed.total).toBe(memory.total);
      }),
      { numRuns: 500 },
    );
  });

  it('the byte prefilter keeps exactly the records whose action a rule wants (300 runs)', async () => {
    const actions = ['AuthorizeSecurityGroupIngress', 'ListUsers', 'PutBucketAcl', 'Authorize\\u0053ecurityGroupIngress'];
    const wants = (a: string) => a === 'AuthorizeSecurityGroupIngress' || a === 'PutBucketAcl';
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...actions), fc.boolean()), { maxLength: 8 }), fc.integer({ min: 1, max: 97 }), async (picked, size) => {
        // Escaped actions (written by hand) must still be decoded and matched.
        const parts = picked.map(([action, sg], i) => JSON.stringify(sg ? sgRecord() : cloudTrailRecord({ eventID: `id-${i}` })).replace(/"eventName":"[^"]*"/, `"eventName":"${action}"`));
        const bytes = Buffer.from(`{"Records":[${parts.join(',')}]}`);
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        const filtered = await parseLogStream(Readable.from(chunks), 'k.json', { maxBytes: 1e7, wants });
        const all = await parseLogStream(Readable.from([bytes]), 'k.json', { maxBytes: 1e7 });
        expect(filtered.events.map((e) => e.id)).toEqual(all.events.filter((e) => wants(e.action)).map((e) => e.id));
      }),
      { numRuns: 300 },
    );
  });

  it('the byte prefilter keeps exactly the records whose action or service a rule wants (300 runs)', async () => {
    const actions = ['GetObject', 'CreateUser', 'PutBucketAcl'];
    const services = ['s3.amazonaws.com', 'iam.amazonaws.com', 'ec2.amazonaws.com', 'i\\u0061m.amazonaws.com'];
    // As the engine answers: rules by action, rules by service (an unknown service may be any).
    const wants = (a: string, s?: string) => a === 'PutBucketAcl' || s === undefined || s === 'iam.amazonaws.com';
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...actions), fc.constantFrom(...services)), { maxLength: 8 }), fc.integer({ min: 1, max: 97 }), async (picked, size) => {
        const parts = picked.map(([action, service], i) =>
          JSON.stringify(cloudTrailRecord({ eventID: `id-${i}`, eventName: action })).replace(/"eventSource":"[^"]*"/, `"eventSource":"${service}"`),
        );
        const bytes = Buffer.from(`{"Records":[${parts.join(',')}]}`);
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        const filtered = await parseLogStream(Readable.from(chunks), 'k.json', { maxBytes: 1e7, wants });
        const all = await parseLogStream(Readable.from([bytes]), 'k.json', { maxBytes: 1e7 });
        expect(all.events).toHaveLength(picked.length);
        expect(filtered.events.map((e) => e.id)).toEqual(all.events.filter((e) => wants(e.action, e.service)).map((e) => e.id));
      }),
      { numRuns: 300 },
    );
  });
});
