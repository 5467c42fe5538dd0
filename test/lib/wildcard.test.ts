import { describe, expect, it } from 'vitest';
import { matchUnits, wildcardMatch } from '../../shared/lib/wildcard.js';

describe('wildcardMatch', () => {
  it.each([
    { name: 'an exact value', pattern: 's3:putobject', value: 's3:putobject', expected: true },
    { name: 'a different value', pattern: 's3:putobject', value: 's3:getobject', expected: false },
    { name: 'a prefix star', pattern: 's3:*', value: 's3:putobject', expected: true },
    { name: 'a star matching nothing', pattern: 's3:put*object', value: 's3:putobject', expected: true },
    { name: 'a star that must backtrack', pattern: '*object*', value: 's3:putobjectacl', expected: true },
    { name: 'a question mark for one character', pattern: 's3:?etobject', value: 's3:getobject', expected: true },
    { name: 'a question mark needing a character', pattern: 's3:getobject?', value: 's3:getobject', expected: false },
    { name: 'a star against a value holding a literal star', pattern: '*', value: '*x', expected: true },
    { name: 'a trailing star after a literal star in the value', pattern: 'a*', value: 'a*b', expected: true },
    { name: 'a longer value than the pattern', pattern: 'iam:passrole', value: 'iam:passroles', expected: false },
    { name: 'an empty pattern against an empty value', pattern: '', value: '', expected: true },
    { name: 'only stars against an empty value', pattern: '***', value: '', expected: true },
  ])('$name', ({ pattern, value, expected }) => {
    // Act
    const matched = wildcardMatch(pattern, value);

    // Assess
    expect(matched).toBe(expected);
  });

  it('stays linear on a pattern that would make a regex backtrack', () => {
    // Prepare
    const pattern = `${'*a'.repeat(200)}z`;
    const value = 'a'.repeat(5000);

    // Act
    const matched = wildcardMatch(pattern, value);

    // Assess
    expect(matched).toBe(false);
  });
});

describe('matchUnits', () => {
  it.each([
    { name: 'a set unit accepting one of its characters', value: 'b1', expected: true },
    { name: 'a set unit rejecting another character', value: 'c1', expected: false },
  ])('$name', ({ value, expected }) => {
    // Prepare
    const units = [{ any: false, chars: 'ab' }, { any: true, chars: '' }];

    // Act
    const matched = matchUnits(units, Array.from(value), (u) => u.any, (u, c) => u.chars.includes(c));

    // Assess
    expect(matched).toBe(expected);
  });
});
