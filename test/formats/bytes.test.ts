import { describe, expect, it } from 'vitest';
import { actionInBytes, firstInvalidUtf8, formatSize, groupDigits } from '../../shared/formats/bytes.js';

const key = { name: Buffer.from('"eventName"'), envelope: [Buffer.from('"eventID"')] };

describe('firstInvalidUtf8', () => {
  it.each([
    { name: 'valid text', bytes: Buffer.from('aé€🚨'), at: -1 },
    { name: 'a lone continuation byte', bytes: Buffer.from([0x61, 0x80]), at: 1 },
    { name: 'an overlong form', bytes: Buffer.from([0x61, 0x62, 0xc0, 0xaf]), at: 2 },
    { name: 'a surrogate', bytes: Buffer.from([0xed, 0xa0, 0x80]), at: 0 },
    { name: 'above U+10FFFF', bytes: Buffer.from([0x41, 0xf4, 0x90, 0x80, 0x80]), at: 1 },
    { name: 'a cut sequence at the end', bytes: Buffer.from([0x41, 0xe2, 0x82]), at: 1 },
    { name: 'an overlong three-byte form', bytes: Buffer.from([0xe0, 0x80, 0x80]), at: 0 },
  ])('finds the first bad byte in $name', ({ bytes, at }) => {
    expect(firstInvalidUtf8(bytes)).toBe(at);
  });
});

describe('sizes in messages', () => {
  it.each([
    { bytes: 16 * 2 ** 20, text: '16 MiB' },
    { bytes: 300_000_000, text: '300 MB' },
    { bytes: 1500, text: '1.5 kB' },
    { bytes: 12, text: '12 bytes' },
  ])('formats $bytes as $text', ({ bytes, text }) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it('groups digits by three', () => {
    expect(groupDigits(11_264_001)).toBe('11 264 001');
    expect(groupDigits(12)).toBe('12');
  });
});

describe('actionInBytes', () => {
  it.each([
    { name: 'a plain record', text: '{"eventID":"1","eventName" : "ListUsers"}', action: 'ListUsers' },
    { name: 'an escaped action', text: '{"eventID":"1","eventName":"List\\u0055sers"}', action: undefined },
    { name: 'the key twice', text: '{"eventID":"1","eventName":"A","x":{"eventName":"B"}}', action: undefined },
    { name: 'a missing envelope key', text: '{"eventName":"A"}', action: undefined },
    { name: 'a non-string action', text: '{"eventID":"1","eventName":7}', action: undefined },
    { name: 'the name as a value', text: '{"eventID":"1","x":"eventName"}', action: undefined },
  ])('reads $name', ({ text, action }) => {
    expect(actionInBytes(Buffer.from(text), key)).toBe(action);
  });
});
