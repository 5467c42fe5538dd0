import { describe, expect, it } from 'vitest';
import { internetCoverage } from '../../../shared/rules/lib/cidr.js';

describe('cidr: internetCoverage', () => {
  it.each([
    { name: 'a /0', ranges: ['0.0.0.0/0'], expected: [{ family: 4, ranges: ['0.0.0.0/0'] }] },
    { name: 'two /1 halves', ranges: ['0.0.0.0/1', '128.0.0.0/1'], expected: [{ family: 4, ranges: ['0.0.0.0/1', '128.0.0.0/1'] }] },
    {
      name: 'four /2 quarters out of order, with a redundant office range',
      ranges: ['192.0.0.0/2', '10.0.0.0/8', '0.0.0.0/2', '128.0.0.0/2', '64.0.0.0/2'],
      expected: [{ family: 4, ranges: ['192.0.0.0/2', '0.0.0.0/2', '128.0.0.0/2', '64.0.0.0/2'] }],
    },
    { name: 'IPv6 halves next to an IPv4 office range', ranges: ['203.0.113.0/24', '::/1', '8000::/1'], expected: [{ family: 6, ranges: ['::/1', '8000::/1'] }] },
    { name: 'a /0 with host bits set', ranges: ['198.51.100.7/0'], expected: [{ family: 4, ranges: ['198.51.100.7/0'] }] },
    { name: '0.0.0.0/8 only', ranges: ['0.0.0.0/8'], expected: [] },
    { name: 'three of four quarters', ranges: ['0.0.0.0/2', '64.0.0.0/2', '192.0.0.0/2'], expected: [] },
    { name: 'one IPv4 half and one IPv6 half (families apart)', ranges: ['0.0.0.0/1', '8000::/1'], expected: [] },
    { name: 'invalid values', ranges: ['0.0.0.0/33', 'anywhere', ''], expected: [] },
  ])('$name', ({ ranges, expected }) => {
    // Act
    const coverage = internetCoverage(ranges);

    // Assess
    expect(coverage).toEqual(expected);
  });
});
