/**
 * The streaming parser under hostile input: bounded reads before the shape
 * is known, a record over maxRecordBytes, invalid UTF-8 in one record, and
 * data after the document, each costing only itself.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../shared/errors.js';
import { parseLogObject, parseLogStream } from '../../shared/formats/index.js';
import type { AuditEvent } from '../../shared/types.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { sgRecord } from '../helpers/records.js';
import { yandexEvent } from '../helpers/yandex.js';

const SG = 'AuthorizeSecurityGroupIngress';
const options = { maxBytes: 1e9, wants: (action: string) => action === SG };

/** An endless source of one repeated chunk, counting what was pulled from it. */
function endless(chunk: Buffer) {
  const state = { pulled: 0 };
  async function* body() {
    for (;;) {
      state.pulled += chunk.length;
      yield chunk;
    }
  }
  return { state, body: body() };
}

function chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return Readable.from(out);
}

describe('parseLogStream bounds', () => {
  it.each([
    { name: 'whitespace', byte: 0x20, reason: 'more than 1 MiB before the records array' },
    { name: 'whitespace inside the opening brace', byte: 0x20, prefix: '{', reason: 'more than 1 MiB before the records array' },
    { name: 'NUL bytes', byte: 0x00, reason: 'not JSON: does not start with { or [' },
  ])('rejects an endless stream of $name after a bounded read, as a content problem', async ({ byte, prefix, reason }) => {
    // Prepare
    const { state, body } = endless(Buffer.alloc(64 * 1024, byte));
    const source = prefix ? (async function* () { yield Buffer.from(prefix); yield* body; })() : body;

    // Act
    const act = parseLogStream(source, 'bomb.json', options);

    // Assess
    await expect(act).rejects.toThrow(FormatError);
    await expect(act).rejects.toThrow(`bomb.json: ${reason}`);
    expect(state.pulled).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('rejects a gzip of 8 MiB of spaces with the lead bound, not the size cap', async () => {
    const body = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    await expect(parseLogStream(chunks(body, 4096), 'spaces.json.gz', options)).rejects.toThrow('spaces.json.gz: more than 1 MiB before the records array');
  });

  it('rejects a record over maxRecordBytes with its index and size, and keeps the others', async () => {
    // Prepare: record #1 is about 3 MB
    const big = { ...sgRecord(), requestParameters: { pad: 'x'.repeat(3_000_000) } };
    const records = [sgRecord(), big, sgRecord(), cloudTrailRecord()] as { eventID: string }[];
    const body = gzipSync(JSON.stringify({ Records: records }));

    // Act
    const parsed = await parseLogStream(chunks(body, 65536), 'big-record.json.gz', { ...options, maxRecordBytes: 1024 * 1024 });

    // Assess
    expect(parsed.total).toBe(4);
    expect(parsed.events.map((e) => e.id)).toEqual([records[0]?.eventID, records[2]?.eventID]);
    expect(parsed.errors.map((e) => e.message)).toEqual(['big-record.json.gz record #1: 3 MB, over maxRecordBytes (1 MiB)']);
  });

  it('rejects only the record holding invalid UTF-8, naming the byte of the object', async () => {
    // Prepare: a 0xff byte inside record #1's userAgent
    const records = [sgRecord(), { ...sgRecord(), userAgent: 'MARK' }, sgRecord()];
    const text = Buffer.from(JSON.stringify({ Records: records }));
    const at = text.indexOf('MARK');
    text[at] = 0xff;

    // Act
    const parsed = await parseLogStream(chunks(text, 13), 'bad-utf8.json', options);

    // Assess
    expect(parsed.events.map((e) => e.id)).toEqual([records[0]?.eventID, records[2]?.eventID]);
    expect(parsed.errors.map((e) => e.message)).toEqual([`bad-utf8.json record #1: not valid UTF-8 text at byte ${String(at).replace(/\B(?=(\d{3})+$)/g, ' ')}`]);
  });

  it.each([1, 5, 64, 1 << 20])('rejects invalid UTF-8 in a record no rule wants too (chunks of %i)', async (size) => {
    // Prepare: a lone continuation byte in an unwanted record, a cut 4-byte character in a wanted one
    const records = [{ ...cloudTrailRecord(), userAgent: 'BAD!' }, { ...sgRecord(), userAgent: '🚨🚨' }, cloudTrailRecord()];
    const text = Buffer.from(JSON.stringify({ Records: records }));
    const at = text.indexOf('BAD!');
    text[at] = 0x80;

    // Act
    const parsed = await parseLogStream(chunks(text, size), 'unwanted.json', options);

    // Assess
    expect(parsed.total).toBe(3);
    expect(parsed.events.map((e) => e.actor.userAgent)).toEqual(['🚨🚨']);
    expect(parsed.errors.map((e) => e.message)).toEqual([`unwanted.json record #0: not valid UTF-8 text at byte ${String(at).replace(/\B(?=(\d{3})+$)/g, ' ')}`]);
  });

  it.each([
    { name: 'garbage after a CloudTrail document', tail: '} trailing', reason: 'invalid JSON: unexpected data after the records: "} trailing"' },
    { name: 'a second "Records" key', tail: ',"Records":[]}', reason: 'invalid log: a second "Records" key after the records array (ignored)' },
    { name: 'more keys that are not JSON', tail: ',"x":}', reason: 'invalid JSON: unexpected data after the records' },
  ])('reports $name and keeps the records before it', async ({ tail, reason }) => {
    const records = [sgRecord(), sgRecord()];
    const text = `${JSON.stringify({ Records: records }).slice(0, -1)}${tail}`;
    const parsed = await parseLogStream(chunks(Buffer.from(text), 50), 'tail.json', options);
    expect(parsed.events).toHaveLength(2);
    expect(parsed.errors.map((e) => e.message).join('\n')).toContain(`tail.json: ${reason}`);
  });

  it('accepts other keys after the records array', async () => {
    const text = `${JSON.stringify({ Records: [sgRecord()] }).slice(0, -1)},"note":{"a":[1]}}\n`;
    const parsed = await parseLogStream(chunks(Buffer.from(text), 7), 'keys.json', options);
    expect(parsed).toMatchObject({ total: 1, errors: [] });
  });

  it('reports a gzip member followed by garbage and keeps what it decoded', async () => {
    const member = gzipSync(JSON.stringify({ Records: [sgRecord(), sgRecord()] }));
    const parsed = await parseLogStream(Readable.from([member, Buffer.from('not gzip at all')]), 'member.json.gz', options);
    expect(parsed.events).toHaveLength(2);
    expect(parsed.errors.at(-1)?.message).toMatch(/^member\.json\.gz: invalid gzip data/);
  });

  it('rethrows an error of the source itself (a retry may work), not a FormatError', async () => {
    // Prepare: the read breaks after the first chunk
    const body = gzipSync(JSON.stringify({ Records: Array.from({ length: 200 }, () => sgRecord()) }));
    async function* breaking() {
      yield body.subarray(0, 2000);
      // The connection drops a moment later, once the first bytes went through.
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('socket hang up');
    }
    const seen: AuditEvent[] = [];

    // Act
    const act = parseLogStream(breaking(), 'net.json.gz', { ...options, onEvent: (e) => seen.push(e) });

    // Assess
    await expect(act).rejects.toThrow('socket hang up');
    await expect(act).rejects.not.toBeInstanceOf(FormatError);
    expect(seen.length).toBeGreaterThan(0);
  });

  it.each([
    { name: 'an escaped second action key', edit: (t: string) => t.replace('"eventName":"AuthorizeSecurityGroupIngress"', '"eventName":"ListUsers","event\\u004eame":"AuthorizeSecurityGroupIngress"') },
    { name: 'an unwanted action nested deeper', edit: (t: string) => t.replace('{"groupId"', '{"eventName":"ListUsers","groupId"') },
    { name: 'spaces around the colon', edit: (t: string) => t.replace('"eventName":"', '"eventName" :\n "') },
  ])('still finds a wanted record behind $name', async ({ edit }) => {
    // Prepare: the last duplicate key wins in JSON.parse, so the record is a wanted one
    const text = edit(JSON.stringify({ Records: [cloudTrailRecord(), sgRecord()] }));

    // Act
    const parsed = await parseLogStream(chunks(Buffer.from(text), 4096), 'hide.json', options);

    // Assess
    expect(parsed.events.map((e) => e.action)).toEqual([SG]);
  });

  it.each([1, 7, 64, 4096])('reads a Yandex array by its bytes as the in-memory parser does (chunks of %i)', async (size) => {
    // Prepare: watched and unwatched events, one with an escaped event_type
    const watched = yandexEvent('network', 'UpdateSecurityGroup', { security_group_id: 'enp1' });
    const other = yandexEvent('compute', 'ListInstances', {});
    const text = JSON.stringify([other, watched, other, watched]).replace('UpdateSecurityGroup"', 'UpdateSecurity\\u0047roup"');
    const yandexWants = { maxBytes: 1e8, wants: (a: string) => a.endsWith('UpdateSecurityGroup') };

    // Act
    const streamed = await parseLogStream(chunks(Buffer.from(text), size), 'y.json', yandexWants);
    const memory = parseLogObject(Buffer.from(text), 'y.json', yandexWants);

    // Assess
    expect(streamed).toMatchObject({ cloud: 'yandex', total: 4, errors: [] });
    expect(streamed.events.map((e) => e.source?.index)).toEqual([1, 3]);
    expect(streamed.events.map((e) => e.id)).toEqual(memory.events.map((e) => e.id));
  });

  it('stops reading when its signal is aborted, with the abort reason (not a FormatError)', async () => {
    // Prepare: an endless array of records, aborted once some were handed over
    const controller = new AbortController();
    const record = Buffer.from(`${JSON.stringify(sgRecord())},`);
    async function* endlessRecords() {
      yield Buffer.from('{"Records":[');
      for (;;) yield record;
    }
    let seen = 0;
    const onEvent = () => {
      seen += 1;
      if (seen === 5) controller.abort(new Error('deadline: object read stopped'));
    };

    // Act
    const act = parseLogStream(endlessRecords(), 'slow.json', { ...options, onEvent, signal: controller.signal });

    // Assess
    await expect(act).rejects.toThrow('deadline: object read stopped');
    expect(seen).toBe(5);
  });

  it('hands each event over as it is parsed instead of keeping it', async () => {
    const records = [sgRecord(), cloudTrailRecord(), sgRecord()];
    const seen: string[] = [];
    const parsed = await parseLogStream(chunks(Buffer.from(JSON.stringify({ Records: records })), 64), 'cb.json', { ...options, onEvent: (e) => seen.push(e.id) });
    expect(seen).toEqual([records[0]?.eventID, records[2]?.eventID]);
    expect(parsed.events).toEqual([]);
    expect(parsed.total).toBe(3);
  });
});
