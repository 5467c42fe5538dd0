import { describe, expect, it } from 'vitest';
import { formatText } from '../../shared/cli/format-text.js';
import type { Finding } from '../../shared/types.js';
import { sgFinding } from '../helpers/findings.js';

/** Characters that move the cursor, recolour, reorder or break a terminal line. */
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function withEvent(finding: Finding, event: Partial<Finding['event']>): Finding {
  return { ...finding, event: { ...finding.event, ...event } };
}

describe('formatText', () => {
  it.each([
    ['eventTime', (f: Finding) => withEvent(f, { time: '2026-10-01T12:00:00Z\r\u001b[2K\u001b[32mall clear\u2028' })],
    ['event id', (f: Finding) => withEvent(f, { id: 'id\u001b]0;title\u0007\u202e' })],
    ['source key', (f: Finding) => withEvent(f, { source: { key: 'k\n\u0085CRITICAL fake', index: 3 } })],
    ['actor name', (f: Finding) => withEvent(f, { actor: { ...f.event.actor, name: 'bob\u001b[8m\u2066hidden\u2069' } })],
    ['resource', (f: Finding) => ({ ...f, resource: { ...f.resource, id: 'sg-1\u001b[1A\u061c', name: 'n\u009b2J' } })],
    ['evidence', (f: Finding) => ({ ...f, evidence: { ...f.evidence, summary: 'x\u2029y\u007f' } })],
    ['suppression reason', (f: Finding) => ({ ...f, suppressed: { reason: 'ok\r\u001b[0m' } as Finding['suppressed'] })],
  ])('neutralises control, bidi and separator characters in the %s', (_field, hostile) => {
    // Prepare
    const finding = hostile(sgFinding());

    // Act
    const text = formatText([finding], false);

    // Assess
    expect(FORBIDDEN.test(text)).toBe(false);
    expect(text.split('\n')).toHaveLength(2);
  });

  it('shows what was neutralised and still colours the severity on a terminal', () => {
    // Prepare
    const finding = withEvent(sgFinding(), { time: '2026-10-01T12:00:00Z\r\u001b[32mfake' });

    // Act
    const text = formatText([finding], true);

    // Assess
    expect(text).toContain('2026-10-01T12:00:00Z\\r\\u001b[32mfake');
    expect(text.startsWith('\u001b[31mHIGH    \u001b[0m')).toBe(true);
    expect(text.match(/\u001b/g)).toHaveLength(4);
  });
});
