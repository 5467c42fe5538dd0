/**
 * Property-based tests of decoding and parsing one log object in memory
 * (`decodeLogObject`, `parseLogObject`) on any bytes: random bytes, JSON of
 * any shape, `Records` of anything, JSON Lines with bad lines, logs cut
 * anywhere (gzip or not), non-UTF-8, empty and deeply nested documents. Each
 * gives a result or a FormatError naming the object, never another
 * exception; rejected records are named by key and an index in range.
 *
 * Runs: 2 000.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../shared/errors.js';
import { decodeLogObject, isGzip } from '../../shared/formats/decode.js';
import { type ParseOptions, parseLogObject } from '../../shared/formats/index.js';
import { CLOUDS } from '../../shared/types.js';
import { auditJson, dangerousRecords, hostileName } from '../helpers/arbitraries.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const validRecords = dangerousRecords().map((f) => f.record);

/** JSON Lines: valid records, arbitrary JSON, junk and blank lines, `\n` or `\r\n`. */
const jsonLines = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.constantFrom(...validRecords).map((r) => JSON.stringify(r)),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? ''),
        fc.string({ maxLength: 30 }),
        fc.constantFrom('', '   ', '{', '}', '{"event_id":', 'null', '[]'),
      ),
      { maxLength: 8 },
    ),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([lines, eol]) => utf8(lines.join(eol)));

/** A valid log (CloudTrail or Yandex), as text. */
const validLog = fc
  .tuple(fc.subarray(validRecords), fc.boolean(), fc.boolean())
  .map(([records, cloudTrail, pretty]) => JSON.stringify(cloudTrail ? { Records: records } : records, null, pretty ? 2 : undefined));

/** Valid UTF-8 JSON with bytes that are not UTF-8 spliced in. */
const notUtf8 = fc
  .tuple(validLog, fc.nat(), fc.constantFrom([0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]))
  .map(([text, at, bad]) => {
    const bytes = utf8(text);
    const cut = at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, cut), Buffer.from(bad), bytes.subarray(cut)]);
  });

/** Every kind of object a bucket may hold, or an attacker may put there. */
const anyDocument: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  fc.uint8Array({ maxLength: 200 }).map((tail) => Buffer.concat([Buffer.from([0x1f, 0x8b]), tail])),
  fc.jsonValue().map((v) => utf8(JSON.stringify(v) ?? 'null')),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }).map((records) => utf8(JSON.stringify({ Records: records }))),
  fc.jsonValue({ maxDepth: 2 }).map((records) => utf8(JSON.stringify({ Records: records }))),
  fc.array(fc.oneof(fc.object(), fc.constantFrom(...validRecords), auditJson), { maxLength: 6 }).map((a) => utf8(JSON.stringify(a) ?? '[]')),
  jsonLines,
  fc.tuple(validLog, fc.nat()).map(([text, cut]) => utf8(text.slice(0, cut % (text.length + 1)))),
  notUtf8,
  fc.constantFrom('', ' ', '\n\t\r ', '\ufeff', '\ufeff  \n', '\u00a0', '\u2028{}').map(utf8),
  fc.constantFrom('{"digestPublicKeyFingerprint":"ab","digestStartTime":"x"}', '{"Records":null}', '{"eventName":"x"}', '[1,"a",null,[]]').map(utf8),
  fc.integer({ min: 1, max: 5000 }).map((depth) => utf8(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc.integer({ min: 1, max: 5000 }).map((depth) => utf8(`{"Records":[${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}]}`)),
);

/** The document as stored: plain, gzipped, or gzipped then cut anywhere; sometimes with a BOM. */
const storedObject = fc
  .tuple(anyDocument, fc.constantFrom('plain', 'gzip', 'cut-gzip', 'bom'), fc.nat())
  .map(([bytes, how, cut]) => {
    if (how === 'plain') return bytes;
    if (how === 'bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    const zipped = gzipSync(bytes);
    return how === 'gzip' ? zipped : zipped.subarray(0, cut % zipped.length);
  });

const objectKey = fc.oneof(
  fc.constantFrom(
    'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T1200Z_a1b2.json.gz',
    'audit-trails/2026-10-01/trail.json',
    'logs/stream.jsonl',
    'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/10/01/digest.json.gz',
  ),
  hostileName,
);

const options: fc.Arbitrary<ParseOptions> = fc.record({
  maxBytes: fc.oneof({ weight: 5, arbitrary: fc.constant(10_000_000) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 500 }) }),
  wants: fc.constantFrom(undefined, (a: string) => a.length % 2 === 0, (a: string) => a.startsWith('Put') || a.endsWith('SecurityGroup')),
});

/** The decoded text of bytes that decoded (same steps as the decoder). */
function decodedText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(isGzip(bytes) ? gunzipSync(bytes) : bytes);
}

function parsesWhole(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\ufeff/, ''));
    return true;
  } catch {
    return false;
  }
}

/** A FormatError about the whole object, named by its key. */
function expectObjectError(error: unknown, key: string): void {
  expect(error).toBeInstanceOf(FormatError);
  const formatError = error as FormatError;
  expect(formatError.key).toBe(key);
  expect(formatError.index).toBeUndefined();
  expect(formatError.message.startsWith(`${key}: `)).toBe(true);
}

describe('decodeLogObject and parseLogObject on any bytes', () => {
  it('return a result or throw a FormatError naming the object; record errors name key and index (2 000 runs)', () => {
    fc.assert(
      fc.property(storedObject, objectKey, options, (bytes, key, opts) => {
        // Act
        let decoded: ReturnType<typeof decodeLogObject>;
        try {
          decoded = decodeLogObject(bytes, key, opts);
        } catch (error) {
          // Assess: the object as a whole is unreadable, and parse says the same
          expectObjectError(error, key);
          expect(() => parseLogObject(bytes, key, opts)).toThrow((error as Error).message);
          return;
        }
        const parsed = parseLogObject(bytes, key, opts);

        // Assess
        expect(parsed.key).toBe(key);
        if (decoded.kind === 'skipped') {
          expect(parsed).toEqual({ key, skipped: decoded.reason, total: 0, events: [], errors: [] });
          return;
        }
        expect(CLOUDS).toContain(parsed.cloud);
        expect(parsed.total).toBe(decoded.records.length + decoded.badLines.length);
        expect(parsed.total).toBeGreaterThanOrEqual(parsed.events.length);
        if (!opts.wants) expect(parsed.events.length + parsed.errors.length).toBe(parsed.total);
        const text = decodedText(bytes);
        // A whole JSON document indexes records by position; JSON Lines by line.
        const bound = parsesWhole(text) ? parsed.total : text.split('\n').length;
        const misnamed = parsed.errors.filter(
          (e) => !(e instanceof FormatError && e.key === key && Number.isInteger(e.index) && (e.index ?? -1) >= 0 && (e.index ?? bound) < bound && e.message.startsWith(`${key} record #${e.index}: `)),
        );
        expect(misnamed).toEqual([]);
        expect(parsed.events.filter((e) => e.source?.key !== key)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
