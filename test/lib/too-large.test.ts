import { describe, expect, it } from 'vitest';
import { tooLargeMessage } from '../../shared/lib/too-large.js';

describe('tooLargeMessage', () => {
  it.each([
    { name: 'size known', limit: 1000, size: 2048, what: undefined, expected: 'object too large: 2048 bytes or more, limit is 1000 bytes' },
    { name: 'size unknown', limit: 1000, size: undefined, what: undefined, expected: 'object too large: more than 1000 bytes, the limit' },
    { name: 'a local file', limit: 1000, size: 4096, what: 'file' as const, expected: 'file too large: 4096 bytes or more, limit is 1000 bytes' },
  ])('$name', ({ limit, size, what, expected }) => {
    expect(tooLargeMessage(limit, size, what)).toBe(expected);
  });
});
