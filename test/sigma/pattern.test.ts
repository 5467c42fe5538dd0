import { describe, expect, it } from 'vitest';
import { makePattern, matchPattern, tokenize } from '../../shared/sigma/pattern.js';

describe('Sigma patterns', () => {
  it.each([
    ['exact', 'abc', 'ABC', true],
    ['star in the middle', 'a*c', 'abbbc', true],
    ['several stars', '*a*b*c*', 'xxaxxbxxcxx', true],
    ['several stars, out of order', '*a*b*c*', 'cba', false],
    ['question marks', 'a??d', 'abcd', true],
    ['question mark needs a character', 'a?', 'a', false],
    ['escaped star', 'a\\*', 'a*', true],
    ['escaped star is not a wildcard', 'a\\*', 'ab', false],
    ['escaped question mark', 'why\\?', 'why?', true],
    ['double backslash then star', 'C:\\\\*', 'C:\\anything', true],
    ['lone backslash stays', 'C:\\Windows', 'c:\\windows', true],
    ['backslash before other text', '\\n', '\\n', true],
    ['long hostile value stays linear', `${'*a'.repeat(20)}b`, 'a'.repeat(5000), false],
  ])('%s', (_name, rule, value, expected) => {
    // Prepare
    const pattern = makePattern(tokenize(rule), false);

    // Act
    const hit = matchPattern(pattern, value);

    // Assess
    expect(hit).toBe(expected);
  });
});
