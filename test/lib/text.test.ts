import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNSAFE_CHARACTERS, escapeJsonUnsafe, neutralize } from '../../shared/lib/text.js';
import { hostileString } from '../helpers/arbitraries.js';

/** Every character the neutraliser must never let through. */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('neutralize', () => {
  it.each([
    ['ANSI colour escape', 'ok\u001b[31mred', 'ok\\u001b[31mred'],
    ['carriage return (overwrites the line)', 'a\rFAKE', 'a\\rFAKE'],
    ['line feed (fake next line)', 'a\naudit-responder: all clear', 'a\\naudit-responder: all clear'],
    ['tab', 'a\tb', 'a\\tb'],
    ['NUL and BEL', '\u0000\u0007', '\\u0000\\u0007'],
    ['DEL', 'x\u007f', 'x\\u007f'],
    ['C1 NEL and CSI', '\u0085\u009b31m', '\\u0085\\u009b31m'],
    ['right-to-left override and pop', '\u202eevil\u202c', '\\u202eevil\\u202c'],
    ['LRM, RLM and Arabic letter mark', '\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
    ['bidi isolates', '\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['Unicode line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['ordinary text, emoji and Cyrillic unchanged', 'Привет 🚨 <b>&amp;', 'Привет 🚨 <b>&amp;'],
  ])('makes %s visible', (_name, input, expected) => {
    // Act
    const out = neutralize(input);

    // Assess
    expect(out).toBe(expected);
  });

  it('cuts after neutralising, with an ellipsis, never splitting an emoji', () => {
    // Act
    const cut = neutralize('ab🚨🚨🚨', 4);
    const escaped = neutralize('\u001b\u001b', 8);

    // Assess
    expect(cut).toBe('ab…');
    expect(escaped).toBe('\\u001b\\…');
    expect(escaped.length).toBeLessThanOrEqual(8);
  });

  it('never lets a forbidden character through, whatever the input and length', () => {
    fc.assert(
      fc.property(hostileString, fc.integer({ min: 1, max: 300 }), (value, max) => {
        const out = neutralize(value, max);
        expect(FORBIDDEN.test(out)).toBe(false);
        expect(out.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('escapeJsonUnsafe', () => {
  it('escapes what JSON.stringify leaves raw and still parses to the same value', () => {
    // Prepare
    const value = { message: 'a\u2028b\u202ec\u0085d\u007fe\u061c', n: 1 };

    // Act
    const line = escapeJsonUnsafe(JSON.stringify(value));

    // Assess
    expect(FORBIDDEN.test(line)).toBe(false);
    expect(JSON.parse(line)).toEqual(value);
    expect(line).toContain('\\u2028');
  });

  it('leaves a line without unsafe characters unchanged', () => {
    const line = JSON.stringify({ message: 'plain 🚨 "q"\n' });
    expect(escapeJsonUnsafe(line)).toBe(line);
    expect(UNSAFE_CHARACTERS.global).toBe(true);
  });
});
