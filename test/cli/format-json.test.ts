import { describe, expect, it } from 'vitest';
import { formatJsonLines } from '../../shared/cli/format-json.js';
import { TOO_DEEP } from '../../shared/lib/bounded-json.js';
import { sgFinding } from '../helpers/findings.js';

/** A value nested `depth` levels, like a bucket policy an attacker wrote. */
function nested(depth: number): unknown {
  let value: unknown = '*';
  for (let i = 0; i < depth; i++) value = { AWS: [value] };
  return value;
}

describe('formatJsonLines', () => {
  it('prints every finding even when one holds evidence nested 6 000 levels deep', () => {
    // Prepare
    const good = sgFinding();
    const deep = { ...sgFinding(), evidence: { ...good.evidence, policy: nested(6000) } };

    // Act
    const lines = formatJsonLines([good, deep, good]).trim().split('\n');

    // Assess
    expect(lines).toHaveLength(3);
    const parsed = lines.map((l) => JSON.parse(l) as { evidence: unknown });
    expect(parsed[0]?.evidence).toEqual(good.evidence);
    expect(lines[1]).toContain(TOO_DEEP);
  });
});
