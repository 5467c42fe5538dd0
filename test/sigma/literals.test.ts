/**
 * The raw-byte prefilter's literals: which rules that cannot be indexed get
 * literals every match must contain, and which run on every record (why).
 */
import { describe, expect, it } from 'vitest';
import { literalOfRegex } from '../../shared/sigma/literals.js';
import { awsRule, selection } from './helpers.js';

describe('rule literals', () => {
  it.each([
    ['an exact value', 'userAgent: TruffleHog', ['trufflehog']],
    ['contains: the longest plain run', "userAgent|contains: 'AWS Internal'", ['internal']],
    ['startswith and endswith', "a|startswith: 'abc-1'\nb|endswith: '.example.com'", ['.example.com']],
    ['wildcards split the value', "arn|contains: 'arn:aws:*:assumed-role/*'", [':assumed-role/']],
    ['a list of values: any of them', 'userIdentity.type: [Root, IAMUser]', ['root', 'iamuser']],
    ['contains|all: any one of them', "ua|contains|all: ['aws-cli', 'terraform']", ['terraform']],
    ['a regex: its top-level literal', "userIdentity.arn|re: '.+:assumed-role/aws:.+'", [':assumed-role/aws:']],
    ['keywords are values too', '- TruffleHog', ['trufflehog']],
    ['a boolean value', 'readOnly: false', ['false']],
  ])('%s', (_name, body, expected) => {
    // Prepare
    const rule = selection(body);

    // Act
    const literals = rule.literals;

    // Assess
    expect(literals).toEqual(expected);
  });

  it.each([
    ['a value shorter than 3 characters', 'a: ab'],
    ['only a wildcard', "a|contains: '*'"],
    ['characters JSON may escape', "a: 'a b c'"],
    ['a number', 'code: 403'],
    ['digits a number could spell', "code: '1e2'"],
    ['a piece of "Infinity"', "a: 'nity'"],
    ['null', 'errorCode: null'],
    ['exists', 'a|exists: true'],
    ['neq', 'a|neq: TruffleHog'],
    ['cidr', "ip|cidr: '10.0.0.0/8'"],
    ['fieldref', 'a|fieldref: b'],
    ['base64', 'a|base64: TruffleHog'],
    ['windash', "a|windash|contains: '-foo'"],
    ['gt', 'a|gt: 5'],
    ['a regex with a top-level alternation', "a|re: 'TruffleHog|Pacu'"],
    ['a regex literal only inside a group', "a|re: '(TruffleHog)?x'"],
    ['a list where one value has no literal', "a: [TruffleHog, 'x']"],
  ])('none for %s', (_name, body) => {
    // Prepare
    const rule = selection(body);

    // Act
    const literals = rule.literals;

    // Assess
    expect(literals).toBeUndefined();
  });

  it.each([
    ['and: one side is enough', '  a:\n    x: Root\n  b:\n    y|gt: 5\n  condition: a and b', ['root']],
    ['and not: the positive side', '  a:\n    x: Root\n  f:\n    y: AwsServiceEvent\n  condition: a and not f', ['root']],
    ['or: both sides', '  a:\n    x: Root\n  b:\n    y: IAMUser\n  condition: a or b', ['root', 'iamuser']],
    ['1 of: every selection', '  s_a:\n    x: Root\n  s_b:\n    y: IAMUser\n  condition: 1 of s_*', ['root', 'iamuser']],
    ['all of them: the cheapest', '  a:\n    x: [Root, Foo]\n  b:\n    y: IAMUser\n  condition: all of them', ['iamuser']],
    ['a list of maps: every map', '  a:\n    - x: Root\n    - y: IAMUser\n  condition: a', ['root', 'iamuser']],
  ])('condition %s', (_name, detection, expected) => {
    // Prepare
    const rule = awsRule(detection);

    // Act
    const literals = rule.literals;

    // Assess
    expect(literals).toEqual(expected);
  });

  it.each([
    ['or with a side without literals', '  a:\n    x: Root\n  b:\n    y|gt: 5\n  condition: a or b'],
    ['only a negation', '  a:\n    x: Root\n  condition: not a'],
    ['1 of them over a selection without literals', '  a:\n    x: Root\n  b:\n    y: null\n  condition: 1 of them'],
  ])('no literals: condition %s', (_name, detection) => {
    // Prepare
    const rule = awsRule(detection);

    // Act
    const literals = rule.literals;

    // Assess
    expect(literals).toBeUndefined();
  });
});

describe('literalOfRegex', () => {
  it.each([
    ['plain text', 'TruffleHog', 'trufflehog'],
    ['a quantified last character is dropped', 'abcdx?', 'abcd'],
    ['a quantified last character with +', 'abcdx+', 'abcd'],
    ['a class breaks the run', 'abc[0-9]defgh', 'defgh'],
    ['an escape breaks the run', 'abcd\\.efg', 'abcd'],
    ['a hex escape is not its digits', '\\x41414141', undefined],
    ['a unicode escape is not its letters', 'xy\\u0041bcdf', undefined],
    ['a lookahead is not required text', '(?=trufflehog)xy', undefined],
    ['anchors', '^trufflehog$', 'trufflehog'],
    ['alternation inside a group keeps the rest', '(a|b)trufflehog', 'trufflehog'],
  ])('%s', (_name, source, expected) => {
    // Act
    const literal = literalOfRegex(source);

    // Assess
    expect(literal).toBe(expected);
  });
});
