import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../shared/errors.js';
import { parseLogStream } from '../../shared/formats/index.js';
import { ArraySplitter, type Element } from '../../shared/formats/record-splitter.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { sgRecord } from '../helpers/records.js';
import { yandexEvent } from '../helpers/yandex.js';

/** Feed bytes in chunks of `size`. */
function chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return Readable.from(out);
}
const options = { maxBytes: 1e8, wants: (action: string) => action === 'AuthorizeSecurityGroupIngress' };

describe('ArraySplitter', () => {
  it('finds the same records wherever the chunks are cut', () => {
    // Prepare: strings with escapes, brackets and quotes inside, nested arrays
    const records = [{ a: 'x\\"}]{[', b: [1, { c: '\\\\' }] }, { d: '\u00e9\u{1F6A8}', e: { f: [] } }, {}];
    const text = `${JSON.stringify(records)}`;

    for (let cut = 1; cut < text.length; cut++) {
      // Act
      const found: Element[] = [];
      const splitter = new ArraySplitter(1, (e) => found.push(e));
      splitter.push(text.slice(1, cut));
      splitter.push(text.slice(cut));

      // Assess
      expect(found.map((e) => (e.kind === 'object' ? JSON.parse(e.text) : e.kind))).toEqual(records);
      expect(splitter.done).toBe(true);
    }
  });

  it('reports elements that are not objects by index', () => {
    const found: Element[] = [];
    const splitter = new ArraySplitter(1, (e) => found.push(e));
    splitter.push('{"a":1}, 42, "str", [1], null, {"b":2}]');
    expect(found.map((e) => [e.kind, e.index])).toEqual([['object', 0], ['other', 1], ['other', 2], ['other', 3], ['other', 4], ['object', 5]]);
  });
});

describe('parseLogStream', () => {
  it('streams a gzipped CloudTrail file in small chunks and parses only wanted records', async () => {
    // Prepare
    const open = sgRecord();
    const body = gzipSync(JSON.stringify({ Records: [cloudTrailRecord(), open, cloudTrailRecord({ eventName: 'DescribeInstances' })] }));

    // Act
    const parsed = await parseLogStream(chunks(body, 7), 'trail.json.gz', options);

    // Assess
    expect(parsed).toMatchObject({ cloud: 'aws', total: 3, errors: [] });
    expect(parsed.events.map((e) => e.id)).toEqual([open.eventID]);
  });

  it('reads a Yandex array and JSON Lines', async () => {
    const event = yandexEvent('network', 'UpdateSecurityGroup', { security_group_id: 'enp1' });
    const all = { maxBytes: 1e8 };
    const array = await parseLogStream(chunks(Buffer.from(JSON.stringify([event, event])), 5), 'y.json', all);
    const lines = await parseLogStream(chunks(Buffer.from(`${JSON.stringify(event)}\n${JSON.stringify(event)}\n`), 5), 'y.jsonl', all);
    expect(array).toMatchObject({ cloud: 'yandex', total: 2 });
    expect(lines).toMatchObject({ cloud: 'yandex', total: 2 });
  });

  it('keeps the records read before a stream breaks, and names the break', async () => {
    // Prepare: a big file cut short
    const records = Array.from({ length: 400 }, () => sgRecord());
    const body = gzipSync(JSON.stringify({ Records: records }));

    // Act
    const parsed = await parseLogStream(chunks(body.subarray(0, Math.floor(body.length * 0.6)), 4096), 'cut.json.gz', options);

    // Assess
    expect(parsed.events.length).toBeGreaterThan(100);
    expect(parsed.events.length).toBeLessThan(400);
    expect(parsed.errors.at(-1)?.message).toMatch(/^cut\.json\.gz: invalid gzip data: unexpected end of file/);
  });

  it('fails as a whole when nothing could be read', async () => {
    await expect(parseLogStream(chunks(Buffer.from('{"Records":[{"eventID"'), 3), 'x.json', options)).rejects.toThrow(FormatError);
    await expect(parseLogStream(chunks(Buffer.from(''), 3), 'empty.json', options)).rejects.toThrow('empty.json: empty object');
  });

  it('stops at the decompressed size cap and says so, keeping what came before', async () => {
    const body = gzipSync(JSON.stringify({ Records: Array.from({ length: 50 }, () => sgRecord()) }));
    const parsed = await parseLogStream(chunks(body, 100), 'big.json.gz', { ...options, maxBytes: 10_000 });
    expect(parsed.errors.at(-1)?.message).toBe('big.json.gz: object too large: more than 10000 bytes, the limit');
    expect(parsed.total).toBeLessThan(50);
  });
});
