import { describe, expect, it } from 'vitest';
import { type ByteElement, ByteSplitter } from '../../shared/formats/record-splitter.js';

/** Split `bytes` (after the array's `[`) cut at the given points. */
function split(bytes: Buffer, cuts: readonly number[], depth = 1, maxRecordBytes?: number) {
  const found: { kind: string; value?: unknown; index: number; offset: number; size?: number }[] = [];
  const splitter = new ByteSplitter(
    depth,
    (e: ByteElement) =>
      found.push({
        kind: e.kind,
        index: e.index,
        offset: e.offset,
        ...(e.kind === 'object' ? { value: JSON.parse(e.bytes.toString('utf8')) } : {}),
        ...(e.kind === 'oversize' ? { size: e.size } : {}),
      }),
    maxRecordBytes === undefined ? {} : { maxRecordBytes },
    1,
  );
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    splitter.push(bytes.subarray(at, cut));
    at = cut;
  }
  return { found, splitter };
}

describe('ByteSplitter', () => {
  it('finds the same records wherever the bytes are cut, inside a UTF-8 character or a backslash run included', () => {
    // Prepare: escapes, runs of backslashes before quotes, brackets in strings, multi-byte characters
    const records = [{ a: 'x\\"}]{[', b: [1, { c: '\\\\' }] }, { d: 'é🚨\\\\\\"', e: { f: [] } }, {}, { g: '\\' }];
    const bytes = Buffer.from(JSON.stringify(records), 'utf8').subarray(1);

    for (let cut = 0; cut <= bytes.length; cut++) {
      // Act
      const { found, splitter } = split(bytes, [cut]);

      // Assess
      expect(found.map((e) => e.value)).toEqual(records);
      expect(splitter.done).toBe(true);
    }
  });

  it('names each element by index and byte offset, objects or not', () => {
    const bytes = Buffer.from('{"a":1}, 42, "s,]", [1], null, {"b":"é"}] tail');
    const { found, splitter } = split(bytes, [3, 17]);
    expect(found.map((e) => [e.kind, e.index, e.offset])).toEqual([
      ['object', 0, 1],
      ['other', 1, 10],
      ['other', 2, 14],
      ['other', 3, 21],
      ['other', 4, 26],
      ['object', 5, 32],
    ]);
    expect(splitter.rest?.toString()).toBe(' tail');
  });

  it('measures a record over maxRecordBytes without keeping it and goes on with the next', () => {
    // Prepare: 10 000-byte record between two small ones, fed in 100-byte chunks
    const big = { pad: 'x'.repeat(10_000) };
    const bytes = Buffer.from(JSON.stringify({ Records: [{ a: 1 }, big, { b: 2 }] })).subarray(12);
    const cuts = Array.from({ length: Math.floor(bytes.length / 100) }, (_, i) => (i + 1) * 100);

    // Act
    const { found } = split(bytes, cuts, 2, 1000);

    // Assess
    expect(found.map((e) => e.kind)).toEqual(['object', 'oversize', 'object']);
    expect(found[1]?.size).toBe(JSON.stringify(big).length);
    expect(found[2]?.value).toEqual({ b: 2 });
  });

  it('keeps at most maxRestBytes after the array and says it overflowed', () => {
    const splitter = new ByteSplitter(1, () => {}, { maxRestBytes: 4 });
    splitter.push(Buffer.from('{}] 123'));
    splitter.push(Buffer.from('456'));
    expect(splitter.rest?.toString()).toBe(' 123');
    expect(splitter.restOverflow).toBe(true);
  });
});
