/**
 * The hand-written policy reader behind `parsePolicy` builds exactly what
 * the zod schemas build (`parsePolicyWithZod`, the reference): the same
 * statements, key order, copies and shared references, for policies in
 * every shape audit records carry — an object, JSON text, URL-encoded JSON
 * text; `Statement` one object or a list — with odd field types, numeric
 * and odd `Sid`s, `Condition`s of every shape, extra and prototype keys,
 * sparse lists and values that are not plain JSON data (which go to zod).
 *
 * And `Condition` reading (./condition.ts, its text reworked so a pinning
 * entry builds none) gives what it gave before (test/fuzz/reference/condition.ts).
 *
 * Runs: 3 000 + 2 000 + 1 000 + 1 000 + 2 000 + 1 000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionVerdict, entryProblem, parseOperator } from '../../shared/rules/lib/policy/condition.js';
import { parsePolicy, parsePolicyWithZod } from '../../shared/rules/lib/policy/statement.js';
import * as referenceCondition from './reference/condition.js';
import { POLLUTION_KEYS } from '../helpers/arbitraries.js';
import { expectSameOutput, objectsIn } from './same-output.js';

/** Values that sit on either side of each field's type. */
const odd = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 0, -0, Number.NaN, Number.POSITIVE_INFINITY, 12, '', '*', 'Allow', [], {}, ['*'], [1], ['a', 2]),
  fc.string({ maxLength: 8 }),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

const strings = fc.constantFrom('*', 's3:GetObject', 'sts:AssumeRole', 'arn:aws:s3:::b/*', 'iam:*', '');

/** `string | string[]` and the near misses: a list holding a non-string, a hole, or a lone value of another type. */
const stringOrList = fc.oneof(
  strings,
  fc.array(strings, { maxLength: 3 }),
  fc.array(fc.oneof(strings, odd), { maxLength: 3 }),
  fc.sparseArray(strings, { maxLength: 3 }),
  odd,
);

const operators = fc.constantFrom('StringEquals', 'StringLike', 'ArnLike', 'IpAddress', 'Bool', 'ForAnyValue:StringEquals', 'StringEqualsIfExists', '__proto__', 'constructor');
const conditionKeys = fc.constantFrom('aws:PrincipalOrgID', 'aws:SourceIp', 'aws:SecureTransport', 'aws:SourceArn', '0', '__proto__', 'toString');
const conditionValue = fc.oneof(strings, fc.array(fc.oneof(strings, odd), { maxLength: 3 }), odd, fc.constantFrom('10.0.0.0/8', undefined));

/** `Condition` in every shape: operator → key → value, with odd levels and keys. */
const condition = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(operators, fc.dictionary(conditionKeys, conditionValue, { maxKeys: 3 }), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(operators, fc.oneof(odd, fc.dictionary(conditionKeys, conditionValue, { maxKeys: 2 })), { maxKeys: 3 }) },
  { weight: 1, arbitrary: odd },
);

const principal = fc.oneof(
  fc.constantFrom('*', { AWS: '*' }, { AWS: ['arn:aws:iam::111122223333:root', '*'] }, { Service: 'lambda.amazonaws.com' }, ['*']),
  odd,
);

const FIELDS = {
  Sid: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), odd),
  Effect: fc.oneof(fc.constantFrom('Allow', 'Deny', ' allow '), odd),
  Principal: principal,
  NotPrincipal: principal,
  Action: stringOrList,
  NotAction: stringOrList,
  Resource: stringOrList,
  NotResource: stringOrList,
  Condition: condition,
};

/** A statement: some declared fields (any of them possibly `undefined`), extra keys, a `raw` key, prototype keys. */
const statement = fc
  .tuple(
    fc.record(FIELDS, { requiredKeys: ['Effect'] }),
    fc.record(FIELDS),
    fc.dictionary(fc.oneof(fc.constantFrom('raw', 'Version', '1', '0', ...POLLUTION_KEYS), fc.string({ maxLength: 5 })), odd, { maxKeys: 3 }),
    fc.boolean(),
  )
  .map(([usual, unusual, extra, extraFirst]) => {
    const fields = { ...usual, ...unusual };
    return extraFirst ? { ...extra, ...fields } : { ...fields, ...extra };
  });

/** A document: `Statement` a list or one object (or odd), extra keys. */
const documentValue = fc.oneof(
  { weight: 4, arbitrary: fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.array(fc.oneof({ weight: 5, arbitrary: statement }, { weight: 1, arbitrary: odd }), { maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ Statement: statement, Id: fc.string({ maxLength: 4 }) }, { requiredKeys: ['Statement'] }) },
  { weight: 1, arbitrary: fc.record({ Statement: fc.sparseArray(statement, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ Statement: odd }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: odd },
);

/** The JSON text forms: plain, padded, URL-encoded (with `+` for spaces or not), broken. */
const textForm = fc
  .tuple(documentValue, fc.constantFrom('json', 'padded', 'url', 'url+', 'broken', 'percent'))
  .map(([doc, form]) => {
    const json = JSON.stringify(doc) ?? 'null';
    if (form === 'padded') return ` \n${json}\t`;
    if (form === 'url') return encodeURIComponent(json);
    if (form === 'url+') return encodeURIComponent(json).replace(/%20/g, '+');
    if (form === 'broken') return json.slice(0, Math.max(0, json.length - 1));
    return `%${json}`;
  });

/** What a call gave: its value, or the error it threw (zod throws on an array that cannot be iterated). */
function outcome(parse: (value: unknown) => unknown, value: unknown): { readonly value: unknown } | { readonly threw: string } {
  try {
    return { value: parse(value) };
  } catch (error) {
    return { threw: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function expectSame(value: unknown) {
  const expected = outcome(parsePolicyWithZod, value);
  const actual = outcome(parsePolicy, value);
  if ('threw' in expected || 'threw' in actual) expect(actual).toEqual(expected);
  else expectSameOutput(actual.value, expected.value, objectsIn(value));
}

describe('parsePolicy equals the zod reference', () => {
  it('for policy objects of every shape (3 000 runs)', () => {
    fc.assert(fc.property(documentValue, (doc) => expectSame(doc)), { numRuns: 3000 });
  });

  it('for policies as JSON text, plain, padded, URL-encoded or broken (2 000 runs)', () => {
    fc.assert(fc.property(textForm, (text) => expectSame(text)), { numRuns: 2000 });
  });

  it('for JSON text with __proto__ keys, which JSON.parse makes own properties (1 000 runs)', () => {
    fc.assert(
      fc.property(documentValue, fc.constantFrom('Statement', 'Effect', 'Condition', 'StringEquals'), (doc, where) => {
        // Prepare: `"__proto__"` next to a key the reader visits.
        const text = (JSON.stringify(doc) ?? 'null').replace(`"${where}":`, `"__proto__":{"Effect":"Allow"},"${where}":`);

        // Act + Assess
        expectSame(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('for values that are not plain JSON data: any value, null prototypes, class instances, Maps, Dates (1 000 runs)', () => {
    class Box {
      constructor(readonly Statement: unknown) {}
    }
    class ListOf<T> extends Array<T> {}
    const exotic = fc.oneof(
      fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withDate: true, withBoxedValues: true, withSparseArray: true, withObjectString: true }),
      statement.map((s) => Object.assign(Object.create(null) as object, s)),
      statement.map((s) => ({ Statement: [new Box(s)] })),
      statement.map((s) => ({ Statement: { ...s, Condition: new Map([['StringEquals', {}]]) } })),
      statement.map((s) => ({ Statement: [{ ...s, Condition: { StringEquals: new Date(0) } }] })),
      // Lists zod cannot iterate (it throws), or iterates its own way: in any list field.
      fc
        .tuple(statement, fc.constantFrom('Action', 'NotAction', 'Resource', 'NotResource'), fc.constantFrom('object-prototype', 'subclass', 'own-iterator'))
        .map(([s, field, how]) => {
          const list = how === 'subclass' ? ListOf.from(['*', 'iam:*']) : ['*'];
          if (how === 'object-prototype') Object.setPrototypeOf(list, Object.prototype);
          if (how === 'own-iterator') Object.defineProperty(list, Symbol.iterator, { value: () => ['x'][Symbol.iterator]() });
          return { Statement: [{ ...s, [field]: list }] };
        }),
      // A thenable statement: zod reads it as a promise, not an object.
      statement.map((s) => ({ Statement: [Object.assign({ ...s }, Object.fromEntries([['then', () => undefined], ['catch', () => undefined]]))] })),
    );
    fc.assert(fc.property(exotic, (value) => expectSame(value)), { numRuns: 1000 });
  });

  it('reads the benchmark policies without zod and gets the same statements', () => {
    // Prepare: the org-only bucket policy and the Lambda trust policy of scripts/bench/cloudtrail.ts.
    const org = { Version: '2012-10-17', Statement: [{ Sid: 'OrgOnly', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-media/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] };
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

    // Act
    const [s] = parsePolicy(org) ?? [];
    const [t] = parsePolicy(encodeURIComponent(trust)) ?? [];

    // Assess
    expect(s).toStrictEqual({ ...org.Statement[0], Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme-media/*'], raw: org.Statement[0] });
    expect(Object.keys(s ?? {})).toEqual(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition', 'raw']);
    expect(t).toStrictEqual({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: ['sts:AssumeRole'], raw: JSON.parse(trust).Statement[0] });
    expectSame(org);
    expectSame(trust);
  });
});

describe('Condition reading equals the previous code', () => {
  const keys = fc.constantFrom('aws:PrincipalOrgID', 'aws:SourceIp', 'aws:sourceip', 'aws:SecureTransport', 'aws:SourceArn', 'aws:userid', 'yc:private-endpoint-id', 'kms:CallerAccount', 'sts:ExternalId');
  const ops = fc.constantFrom('StringEquals', 'stringlike', ' ArnLike ', 'IpAddress', 'NotIpAddress', 'IpAddressIfExists', 'StringEqualsIfExists', 'ForAllValues:StringEquals', 'ForAnyValue:StringLike', 'Bool', 'x:StringEquals', 'Null');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal IAM policy variable, not a template
  const POLICY_VARIABLE = '${aws:username}';
  const values = fc.oneof(
    fc.constantFrom('o-a1b2c3d4e5', 'arn:aws:iam::*:root', POLICY_VARIABLE, '10.0.0.0/8', '0.0.0.0/0', '::/0', '0.0.0.0/1', '128.0.0.0/1', 'not-an-ip', true, 7),
    fc.array(fc.constantFrom('0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/8', '::/1', '8000::/1', 'o-1', '*', null), { maxLength: 4 }),
  );
  const realistic = fc.dictionary(ops, fc.dictionary(keys, values, { maxKeys: 3 }), { maxKeys: 3 });

  it('conditionVerdict, both key profiles (2 000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(realistic, condition), fc.constantFrom('aws', 'yandex'), (c, profile) => {
        // Act + Assess
        expectSameOutput(conditionVerdict(c, profile), referenceCondition.conditionVerdict(c, profile), objectsIn(c));
      }),
      { numRuns: 2000 },
    );
  });

  it('parseOperator and entryProblem (1 000 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(ops, fc.string({ maxLength: 12 })), keys, fc.array(fc.constantFrom('o-1', '*', '10.0.0.0/8', '0.0.0.0/0', 'x'), { maxLength: 3 }), (operator, key, list) => {
        // Act + Assess
        expectSameOutput(parseOperator(operator), referenceCondition.parseOperator(operator), new Set());
        expect(entryProblem({ operator, key, values: list })).toBe(referenceCondition.entryProblem({ operator, key, values: list }));
      }),
      { numRuns: 1000 },
    );
  });
});
