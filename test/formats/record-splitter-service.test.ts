/**
 * The splitter reads a record's service (CloudTrail `eventSource`, Yandex
 * `event_source`) like its action, so the engine's service index filters
 * before a record is decoded; anything it cannot read for sure is left
 * unknown (the engine then assumes any service).
 */
import { describe, expect, it } from 'vitest';
import { type ByteElement, ByteSplitter, type WatchedKeys } from '../../shared/formats/record-splitter.js';

const KEYS: WatchedKeys = { action: Buffer.from('eventName'), envelope: [Buffer.from('eventID')], service: Buffer.from('eventSource') };

/** Split one array (bytes after `[`) with a watch that skips nothing, and return each record's action and service. */
function read(records: readonly string[], cut?: number) {
  const found: { action?: string; service?: string }[] = [];
  const splitter = new ByteSplitter(1, (e: ByteElement) => {
    if (e.kind === 'object') found.push({ ...(e.action !== undefined ? { action: e.action } : {}), ...(e.service !== undefined ? { service: e.service } : {}) });
  });
  splitter.watch(KEYS, () => false, () => {});
  const bytes = Buffer.from(`${records.join(',')}]`);
  if (cut === undefined) splitter.push(bytes);
  else {
    splitter.push(bytes.subarray(0, cut));
    splitter.push(bytes.subarray(cut));
  }
  return found;
}

describe('ByteSplitter service', () => {
  it.each([
    { name: 'a plain string', record: '{"eventID":"1","eventSource":"s3.amazonaws.com","eventName":"GetObject"}', expected: { action: 'GetObject', service: 's3.amazonaws.com' } },
    { name: 'after the action, spaced', record: '{"eventID":"1", "eventName" : "GetObject" , "eventSource" : "s3.amazonaws.com"}', expected: { action: 'GetObject', service: 's3.amazonaws.com' } },
    { name: 'an escaped value is unknown', record: '{"eventID":"1","eventSource":"s3.amazon\\u0061ws.com","eventName":"GetObject"}', expected: { action: 'GetObject' } },
    { name: 'a key given twice is unknown', record: '{"eventID":"1","eventSource":"a","eventSource":"b","eventName":"GetObject"}', expected: { action: 'GetObject' } },
    { name: 'a non-string value is unknown', record: '{"eventID":"1","eventSource":null,"eventName":"GetObject"}', expected: { action: 'GetObject' } },
    { name: 'a nested key is not the service', record: '{"eventID":"1","x":{"eventSource":"iam"},"eventName":"GetObject"}', expected: { action: 'GetObject' } },
    { name: 'no action, no service', record: '{"eventID":"1","eventSource":"s3.amazonaws.com"}', expected: {} },
  ])('$name', ({ record, expected }) => {
    // Act
    const [found] = read([record]);

    // Assess
    expect(found).toEqual(expected);
  });

  it('resets between records and leaves a service cut by a chunk unknown', () => {
    // Prepare
    const first = '{"eventID":"1","eventSource":"iam.amazonaws.com","eventName":"CreateUser"}';
    const second = '{"eventID":"2","eventName":"GetObject"}';

    // Act
    const whole = read([first, second]);
    const cut = read([first, second], first.indexOf('iam') + 2);

    // Assess
    expect(whole).toEqual([{ action: 'CreateUser', service: 'iam.amazonaws.com' }, { action: 'GetObject' }]);
    expect(cut[0]?.service).toBeUndefined();
    expect(cut[1]).toEqual({ action: 'GetObject' });
  });
});
