import { describe, expect, it } from 'vitest';
import { mostSevereFirst } from '../../shared/lib/severity.js';
import type { Severity } from '../../shared/types.js';

describe('mostSevereFirst', () => {
  it.each([
    { name: 'orders most severe first', input: ['low', 'critical', 'info', 'high', 'medium'], expected: ['critical', 'high', 'medium', 'low', 'info'] },
    { name: 'keeps an empty list empty', input: [], expected: [] },
  ] as { name: string; input: Severity[]; expected: Severity[] }[])('$name', ({ input, expected }) => {
    expect(mostSevereFirst(input.map((severity) => ({ severity }))).map((i) => i.severity)).toEqual(expected);
  });

  it('keeps the order of equal severities and leaves the input alone', () => {
    // Prepare
    const items = [
      { severity: 'high' as const, id: 'a' },
      { severity: 'low' as const, id: 'b' },
      { severity: 'high' as const, id: 'c' },
    ];

    // Act
    const sorted = mostSevereFirst(items);

    // Assess
    expect(sorted.map((i) => i.id)).toEqual(['a', 'c', 'b']);
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
});
