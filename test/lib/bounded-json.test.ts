import { describe, expect, it } from 'vitest';
import { TOO_BIG, TOO_DEEP, boundedJson } from '../../shared/lib/bounded-json.js';

/** `{"a":{"a":…}}` nested `depth` levels, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { Statement: [value] };
  return value;
}

describe('boundedJson', () => {
  it('leaves ordinary evidence as it is', () => {
    const evidence = { summary: 'opened 22 to 0.0.0.0/0', ports: [22, 3389], nested: { ok: true, none: null } };
    expect(boundedJson(evidence)).toEqual(evidence);
  });

  it('cuts a 6 000-level nesting so that it always serialises', () => {
    // Prepare: JSON.stringify of the raw value overflows the stack
    const deep = nested(6000);

    // Act
    const text = JSON.stringify(boundedJson(deep, { maxDepth: 32 }));

    // Assess
    expect(text).toContain(TOO_DEEP);
    expect(text.length).toBeLessThan(2000);
  });

  it('stops at the size budget and shortens long strings', () => {
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 'v'.repeat(100)]));
    const text = JSON.stringify(boundedJson({ wide, long: 'z'.repeat(100_000) }, { maxBytes: 10_000, maxString: 50 }));
    expect(text.length).toBeLessThan(12_000);
    expect(text).toContain(TOO_BIG);
  });

  it('cuts cycles and drops what JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = { n: 1n, f: () => 1, inf: Number.POSITIVE_INFINITY };
    cyclic.self = cyclic;
    expect(boundedJson(cyclic)).toEqual({ n: '1', inf: null, self: '[circular]' });
  });
});
