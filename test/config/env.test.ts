import { describe, expect, it } from 'vitest';
import { envBoolean, envInteger, envList, envSeverity, envString } from '../../shared/config/env.js';
import { ConfigError } from '../../shared/errors.js';

describe('environment getters', () => {
  it.each([
    { name: 'unset', env: {}, expected: undefined },
    { name: 'empty counts as unset', env: { X: '' }, expected: undefined },
    { name: 'a value', env: { X: 'v' }, expected: 'v' },
  ])('envString: $name', ({ env, expected }) => {
    expect(envString(env, 'X')).toBe(expected);
  });

  it('envList trims and drops empty entries', () => {
    expect(envList({ X: ' a, ,b ,' }, 'X')).toEqual(['a', 'b']);
    expect(envList({}, 'X')).toEqual([]);
  });

  it.each([
    { value: 'yes', expected: true },
    { value: ' ON ', expected: true },
    { value: '0', expected: false },
    { value: 'off', expected: false },
  ])('envBoolean reads "$value" as $expected', ({ value, expected }) => {
    expect(envBoolean({ X: value }, 'X')).toBe(expected);
  });

  it('envBoolean names the variable of a bad value', () => {
    expect(() => envBoolean({ X: 'maybe' }, 'X')).toThrow(new ConfigError('invalid config: X: expected true or false, got "maybe"'));
  });

  it.each([
    { name: 'in range', value: '1500', expected: 1500 },
    { name: 'unset', value: undefined, expected: undefined },
  ])('envInteger: $name', ({ value, expected }) => {
    expect(envInteger({ X: value }, 'X', { min: 1000, max: 2000 })).toBe(expected);
  });

  it.each(['999', '2001', '1.5', 'soon'])('envInteger rejects "%s" with its bounds and unit', (value) => {
    expect(() => envInteger({ X: value }, 'X', { min: 1000, max: 2000, unit: 'milliseconds' })).toThrow('X: expected an integer from 1000 to 2000 (milliseconds)');
  });

  it('envSeverity reads any case, falls back when unset, and lists the valid names', () => {
    expect(envSeverity({ X: 'HIGH' }, 'X', 'low')).toBe('high');
    expect(envSeverity({}, 'X', 'low')).toBe('low');
    expect(() => envSeverity({ X: 'urgent' }, 'X', 'low')).toThrow('X: expected one of info, low, medium, high, critical, got "urgent"');
  });
});
