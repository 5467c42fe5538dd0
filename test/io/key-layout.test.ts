import { describe, expect, it } from 'vitest';
import { classifySegment, daysOf, inRange, keyMayBeInRange, parseTimeBound } from '../../shared/io/key-layout.js';

const NOW = Date.parse('2026-10-10T12:00:00Z');

describe('key layout', () => {
  it.each([
    { name: 'a date as since', text: '2026-10-01', bound: 'since' as const, iso: '2026-10-01T00:00:00.000Z' },
    { name: 'a date as until (end of that day)', text: '2026-10-01', bound: 'until' as const, iso: '2026-10-02T00:00:00.000Z' },
    { name: 'a time', text: '2026-10-01T12:30:00Z', bound: 'until' as const, iso: '2026-10-01T12:30:00.000Z' },
    { name: 'days back', text: '7d', bound: 'since' as const, iso: '2026-10-03T12:00:00.000Z' },
    { name: 'hours back', text: '12h', bound: 'since' as const, iso: '2026-10-10T00:00:00.000Z' },
  ])('parses $name', ({ text, bound, iso }) => {
    expect(new Date(parseTimeBound(text, bound, NOW) as number).toISOString()).toBe(iso);
  });

  it('rejects what is not a time, naming the option', () => {
    expect(parseTimeBound('last week', 'since', NOW)).toBe('--since must be an ISO date or time, or a span like 7d / 12h, got "last week"');
  });

  it('lists the UTC days a range touches, both ends included', () => {
    const range = { since: Date.parse('2026-09-30T23:00:00Z'), until: Date.parse('2026-10-02T00:00:01Z') };
    expect(daysOf(range)).toEqual(['2026/09/30', '2026/10/01', '2026/10/02']);
  });

  it.each([
    { name: 'an account under AWSLogs', parent: 'AWSLogs', segment: '111122223333', kind: 'account' },
    { name: 'an organization under AWSLogs', parent: 'AWSLogs', segment: 'o-exampleorg1', kind: 'org' },
    { name: 'an account under an organization', parent: 'o-exampleorg1', segment: '444455556666', kind: 'account' },
    { name: 'a region under CloudTrail', parent: 'CloudTrail', segment: 'eu-west-1', kind: 'region' },
    { name: 'the digest folder', parent: '111122223333', segment: 'CloudTrail-Digest', kind: 'digest' },
    { name: 'a year (any layout)', parent: 'cnpexample0trail001', segment: '2026', kind: 'year' },
    { name: 'a Yandex trail id', parent: 'audit', segment: 'cnpexample0trail001', kind: 'other' },
    { name: 'digits that are not an account elsewhere', parent: 'audit', segment: '111122223333', kind: 'other' },
  ])('classifies $name', ({ parent, segment, kind }) => {
    expect(classifySegment(parent, segment)).toBe(kind);
  });

  it.each([
    { name: 'a day inside', key: 'a/2026/10/01/f.json', keep: true },
    { name: 'a day before', key: 'a/2026/09/30/f.json', keep: false },
    { name: 'a day after', key: 'a/2026/10/03/f.json', keep: false },
    { name: 'a month-only key (older Yandex layout) that overlaps', key: 'a/trail/2026/10/f.json', keep: true },
    { name: 'a key without a date', key: 'loose/file.json', keep: true },
  ])('keeps $name by key date: $keep', ({ key, keep }) => {
    const range = { since: Date.parse('2026-10-01T00:00:00Z'), until: Date.parse('2026-10-03T00:00:00Z') };
    expect(keyMayBeInRange(key, range)).toBe(keep);
  });

  it('filters event times half-open, keeping unparseable ones', () => {
    const range = { since: Date.parse('2026-10-01T00:00:00Z'), until: Date.parse('2026-10-02T00:00:00Z') };
    expect([inRange('2026-10-01T00:00:00Z', range), inRange('2026-10-02T00:00:00Z', range), inRange('unknown', range)]).toEqual([true, false, true]);
  });
});
