import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../shared/errors.js';
import { decodeLogObject, isGzip } from '../../shared/formats/decode.js';

const options = { maxBytes: 1024 * 1024 };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeLogObject', () => {
  it('finds CloudTrail records in gzip by content, whatever the key says', () => {
    // Prepare
    const body = gzipSync(JSON.stringify({ Records: [{ eventName: 'A' }, { eventName: 'B' }] }));

    // Act
    const doc = decodeLogObject(body, 'logs/plain-name.json', options);

    // Assess
    expect(isGzip(body)).toBe(true);
    expect(doc).toMatchObject({ kind: 'records', cloud: 'aws', records: [{ eventName: 'A' }, { eventName: 'B' }] });
  });

  it('reads a plain Yandex JSON array', () => {
    const doc = decodeLogObject(bytes('[{"event_id":"e1","event_type":"yandex.cloud.audit.iam.X"}]'), 'y.json', options);
    expect(doc).toMatchObject({ kind: 'records', cloud: 'yandex', records: [{ event_id: 'e1' }] });
  });

  it('reads JSON Lines and names a bad line without losing the others', () => {
    // Prepare
    const text = '{"event_id":"e1","event_type":"t"}\n{"event_id": oops\n{"event_id":"e3","event_type":"t"}\n';

    // Act
    const doc = decodeLogObject(bytes(text), 'stream.jsonl', options);

    // Assess
    expect(doc.kind).toBe('records');
    if (doc.kind !== 'records') return;
    expect(doc.records).toHaveLength(2);
    expect(doc.badLines).toEqual([{ index: 1, reason: expect.stringContaining('line 2: invalid JSON') }]);
  });

  it.each([
    { name: 'a digest file by key', key: 'AWSLogs/1/CloudTrail-Digest/eu-west-1/2026/10/01/d.json.gz', body: '{}' },
    { name: 'a digest file by content', key: 'x.json', body: '{"digestStartTime":"t","digestPublicKeyFingerprint":"f","logFiles":[]}' },
    { name: 'the Config writability check', key: 'AWSLogs/1/Config/ConfigWritabilityCheckFile', body: 'x' },
  ])('skips $name', ({ key, body }) => {
    expect(decodeLogObject(bytes(body), key, options).kind).toBe('skipped');
  });

  it.each([
    { name: 'an empty object', body: bytes(''), reason: 'empty object' },
    { name: 'truncated gzip', body: gzipSync('{"Records":[]}'.repeat(50)).subarray(0, 20), reason: 'invalid gzip data' },
    { name: 'invalid JSON', body: bytes('[{"a":1},'), reason: 'invalid JSON' },
    { name: 'JSON of the wrong shape', body: bytes('{"hello":"world"}'), reason: 'not an audit log' },
    { name: 'Records that is not a list', body: bytes('{"Records":{"a":1}}'), reason: 'Records is not an array' },
    { name: 'non-UTF-8 bytes', body: new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]), reason: 'not valid UTF-8' },
    { name: 'binary junk', body: bytes('PK\u0003\u0004zip'), reason: 'not JSON' },
    { name: 'an object over the size cap', body: gzipSync(Buffer.alloc(4096, 32)), reason: 'object too large' },
  ])('rejects $name with the key and the reason', ({ body, reason }) => {
    // Act
    const act = () => decodeLogObject(body, 'bucket/key.json.gz', { maxBytes: 1000 });

    // Assess
    expect(act).toThrow(FormatError);
    expect(act).toThrow(`bucket/key.json.gz: ${reason}`);
  });
});
