import { describe, expect, it } from 'vitest';
import { evaluateCondition, parseCondition } from '../../shared/sigma/condition.js';
import { SigmaRefusal } from '../../shared/sigma/refusal.js';

const ids = ['sel_a', 'sel_b', 'filter_x', 'filter_y', 'keywords', '_private'];

function run(condition: string, hits: readonly string[]): boolean {
  return evaluateCondition(parseCondition(condition, ids), (n) => hits.includes(n));
}

describe('Sigma conditions', () => {
  it.each([
    ['single identifier', 'sel_a', ['sel_a'], true],
    ['and', 'sel_a and sel_b', ['sel_a'], false],
    ['or', 'sel_a or sel_b', ['sel_b'], true],
    ['not', 'sel_a and not filter_x', ['sel_a', 'filter_x'], false],
    ['and binds tighter than or', 'sel_a or sel_b and filter_x', ['sel_a'], true],
    ['and binds tighter than or (false side)', 'sel_a and sel_b or filter_x', ['sel_b'], false],
    ['not binds tighter than and', 'not sel_a and sel_b', ['sel_b'], true],
    ['parentheses override', '(sel_a or sel_b) and filter_x', ['sel_a'], false],
    ['nested parentheses', 'not (sel_a and (sel_b or filter_x))', ['sel_a', 'filter_x'], false],
    ['double not', 'not not sel_a', ['sel_a'], true],
    ['1 of pattern', '1 of filter_*', ['filter_y'], true],
    ['all of pattern', 'all of sel_*', ['sel_a'], false],
    ['all of pattern, all hit', 'all of sel_*', ['sel_a', 'sel_b'], true],
    ['1 of them', '1 of them', ['keywords'], true],
    ['1 of them skips _ identifiers', '1 of them', ['_private'], false],
    ['all of them', 'all of them', ['sel_a', 'sel_b', 'filter_x', 'filter_y', 'keywords'], true],
    ['not 1 of', 'sel_a and not 1 of filter*', ['sel_a'], true],
    ['keywords are case-insensitive', 'sel_a AND NOT filter_x', ['sel_a'], true],
    ['x of binds tighter than and', '1 of sel_* and keywords', ['sel_b'], false],
  ])('%s', (_name, condition, hits, expected) => {
    // Act
    const result = run(condition, hits);

    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    ['count aggregation', 'sel_a | count() > 5', /\| count\(\) expression is deprecated/],
    ['near', 'sel_a | near sel_b', /\| near expression is deprecated/],
    ['unknown identifier', 'sel_a and sel_c', /"sel_c" is not a search identifier/],
    ['pattern with no match', '1 of nothing*', /matches no search identifier/],
    ['unbalanced', '(sel_a or sel_b', /missing "\)"/],
    ['dangling operator', 'sel_a and', /ends too early/],
    ['two identifiers', 'sel_a sel_b', /unexpected "sel_b"/],
  ])('refuses %s', (_name, condition, reason) => {
    // Act
    const parse = () => parseCondition(condition, ids);

    // Assess
    expect(parse).toThrow(SigmaRefusal);
    expect(parse).toThrow(reason);
  });
});
