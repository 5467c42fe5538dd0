import { describe, expect, it } from 'vitest';
import { conditionRestrictsCallers, isPublicPrincipal, parsePolicy } from '../../../shared/rules/lib/aws-policy.js';
import { conditionVerdict, parseOperator } from '../../../shared/rules/lib/policy/condition.js';
import { publicStatement, publicStatements } from '../../../shared/rules/lib/policy/public.js';

/** Identity keys with a fixed value and a pattern value of the right shape. */
const KEYS = [
  { key: 'aws:SourceArn', fixed: 'arn:aws:sns:eu-west-1:111122223333:alerts', arn: true },
  { key: 'aws:SourceVpc', fixed: 'vpc-0a1b2c3d', arn: false },
  { key: 'aws:SourceVpce', fixed: 'vpce-0a1b2c3d4e5f', arn: false },
  { key: 'aws:SourceAccount', fixed: '111122223333', arn: false },
  { key: 'aws:SourceOwner', fixed: '111122223333', arn: false },
  { key: 'aws:PrincipalAccount', fixed: '111122223333', arn: false },
  { key: 'aws:PrincipalArn', fixed: 'arn:aws:iam::111122223333:role/reader', arn: true },
  { key: 'aws:PrincipalOrgID', fixed: 'o-a1b2c3d4e5', arn: false },
  { key: 'aws:PrincipalOrgPaths', fixed: 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/', arn: false },
  { key: 'aws:userid', fixed: 'AIDAEXAMPLEUSERID01', arn: false },
  { key: 's3:DataAccessPointArn', fixed: 'arn:aws:s3:eu-west-1:111122223333:accesspoint/reports', arn: true },
  { key: 's3:DataAccessPointAccount', fixed: '111122223333', arn: false },
  { key: 'kms:CallerAccount', fixed: '111122223333', arn: false },
  { key: 'aws:VpceAccount', fixed: '111122223333', arn: false },
] as const;

/** Operators and whether they pin an anonymous caller (who lacks every identity key but aws:SourceIp). */
const OPERATORS = (arn: boolean) => [
  { operator: arn ? 'ArnEquals' : 'StringEquals', restricts: true },
  { operator: arn ? 'ArnLike' : 'StringLike', restricts: true },
  { operator: 'StringEqualsIgnoreCase', restricts: true },
  { operator: `ForAnyValue:${arn ? 'ArnLike' : 'StringEquals'}`, restricts: true },
  { operator: `ForAllValues:${arn ? 'ArnLike' : 'StringEquals'}`, restricts: false },
  { operator: `${arn ? 'ArnEquals' : 'StringEquals'}IfExists`, restricts: false },
  { operator: arn ? 'ArnNotEquals' : 'StringNotEquals', restricts: false },
  { operator: arn ? 'ArnNotLike' : 'StringNotLike', restricts: false },
  { operator: 'Null', restricts: false },
];

/** Value shapes: fixed ones restrict, patterns and variables do not. */
const VALUES = (fixed: string) => [
  { shape: 'one fixed string', value: fixed as unknown, fixed: true },
  { shape: 'a list of fixed strings', value: [fixed, `${fixed}0`] as unknown, fixed: true },
  { shape: 'a bare *', value: '*' as unknown, fixed: false },
  { shape: 'a list with one *', value: [fixed, '*'] as unknown, fixed: false },
  { shape: 'a ? wildcard', value: `${fixed.slice(0, -1)}?` as unknown, fixed: false },
  { shape: 'a trailing * pattern', value: `${fixed}*` as unknown, fixed: false },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal IAM policy variable, not a template
  { shape: 'a policy variable', value: '${aws:username}' as unknown, fixed: false },
  { shape: 'an empty list', value: [] as unknown, fixed: false },
];

const cases = KEYS.flatMap(({ key, fixed, arn }) =>
  OPERATORS(arn).flatMap(({ operator, restricts }) =>
    VALUES(fixed).map(({ shape, value, fixed: isFixed }) => ({
      name: `${operator} ${key} with ${shape}`,
      condition: { [operator]: { [key]: value } },
      restricts: restricts && isFixed && operator !== 'Null',
    })),
  ),
);

describe('policy/condition: operators × keys × value shapes', () => {
  it.each(cases)('$name → restricts: $restricts', ({ condition, restricts }) => {
    // Prepare
    const statement = parsePolicy({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: condition }] })?.[0];

    // Act
    const verdict = conditionVerdict(condition);
    const found = statement ? publicStatement(statement) : undefined;

    // Assess
    expect(verdict.restricts).toBe(restricts);
    expect(conditionRestrictsCallers(condition)).toBe(restricts);
    expect(found === undefined).toBe(restricts);
  });
});

describe('policy/condition: aws:SourceIp by coverage', () => {
  it.each([
    { name: 'one office range', operator: 'IpAddress', value: '203.0.113.0/24', restricts: true },
    { name: 'two office ranges, v4 and v6', operator: 'IpAddress', value: ['203.0.113.0/24', '2001:db8::/32'], restricts: true },
    { name: 'IfExists on a key every caller sends', operator: 'IpAddressIfExists', value: '203.0.113.0/24', restricts: true },
    { name: 'ForAnyValue of one range', operator: 'ForAnyValue:IpAddress', value: '203.0.113.0/24', restricts: true },
    { name: '0.0.0.0/0', operator: 'IpAddress', value: '0.0.0.0/0', restricts: false },
    { name: '::/0', operator: 'IpAddress', value: ['203.0.113.0/24', '::/0'], restricts: false },
    { name: 'two /1 halves', operator: 'IpAddress', value: ['0.0.0.0/1', '128.0.0.0/1'], restricts: false },
    { name: 'four /2 quarters', operator: 'IpAddress', value: ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'], restricts: false },
    { name: 'a /0 written with host bits', operator: 'IpAddress', value: '198.51.100.7/0', restricts: false },
    { name: '0.0.0.0/8 (not the internet)', operator: 'IpAddress', value: '0.0.0.0/8', restricts: true },
    { name: 'NotIpAddress of an office range', operator: 'NotIpAddress', value: '203.0.113.0/24', restricts: false },
    { name: 'a value that is not a range', operator: 'IpAddress', value: 'office', restricts: false },
    { name: 'a string operator on the IP key', operator: 'StringLike', value: '203.0.113.*', restricts: false },
  ])('$name → restricts: $restricts', ({ operator, value, restricts }) => {
    // Prepare
    const condition = { [operator]: { 'aws:SourceIp': value } };

    // Act
    const verdict = conditionVerdict(condition);

    // Assess
    expect(verdict.restricts).toBe(restricts);
  });
});

describe('policy/condition: keys that never pin the caller', () => {
  it.each([
    { name: 'transport', condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    { name: 'MFA', condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
    { name: 'referer', condition: { StringLike: { 'aws:Referer': 'https://www.example.com/*' } } },
    { name: 'user agent', condition: { StringEquals: { 'aws:UserAgent': 'acme-uploader/1.0' } } },
    { name: 'a resource tag', condition: { StringEquals: { 'aws:ResourceTag/team': 'web' } } },
    { name: 'time', condition: { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } } },
    { name: 'an external id', condition: { StringEquals: { 'sts:ExternalId': 'acme-7' } } },
    { name: 'a user name', condition: { StringEquals: { 'aws:username': 'alice' } } },
    { name: 'a canned ACL header', condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } },
  ])('$name', ({ condition }) => {
    // Act
    const verdict = conditionVerdict(condition);

    // Assess
    expect(verdict.restricts).toBe(false);
    expect(verdict.restricts ? [] : verdict.reasons[0]).toMatch(/does not name the caller/);
  });

  it('one restricting entry among several is enough (conditions are ANDed)', () => {
    // Prepare
    const condition = { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } };

    // Act
    const verdict = conditionVerdict(condition);

    // Assess
    expect(verdict).toEqual({ restricts: true, by: { operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] } });
  });

  it('a numeric account id value counts as fixed', () => {
    // Act
    const verdict = conditionVerdict({ StringEquals: { 'aws:SourceAccount': 111122223333 } });

    // Assess
    expect(verdict.restricts).toBe(true);
  });
});

describe('policy/condition: Yandex profile', () => {
  it.each([
    { name: 'aws:SourceIp to an office range', condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, restricts: true },
    { name: 'aws:userid fixed', condition: { StringEquals: { 'aws:userid': 'ajeexampleuser01' } }, restricts: true },
    { name: 'a private endpoint', condition: { StringEquals: { 'yc:private-endpoint-id': 'enpexampleendpoint' } }, restricts: true },
    { name: 'a negated private endpoint', condition: { StringNotEquals: { 'yc:private-endpoint-id': 'enpexampleendpoint' } }, restricts: false },
    { name: 'referer', condition: { StringLike: { 'aws:referer': 'https://docs.example.com/*' } }, restricts: false },
    { name: 'an AWS-only key Yandex does not document', condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }, restricts: false },
    { name: 'aws:SourceIp halves', condition: { IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1'] } }, restricts: false },
  ])('$name → restricts: $restricts', ({ condition, restricts }) => {
    // Act
    const verdict = conditionVerdict(condition, 'yandex');

    // Assess
    expect(verdict.restricts).toBe(restricts);
  });
});

describe('policy/condition: parseOperator', () => {
  it.each([
    { operator: 'StringEquals', parsed: { base: 'stringequals', ifExists: false } },
    { operator: 'ForAnyValue:StringLikeIfExists', parsed: { set: 'foranyvalue', base: 'stringlike', ifExists: true } },
    { operator: 'forallvalues:arnlike', parsed: { set: 'forallvalues', base: 'arnlike', ifExists: false } },
  ])('$operator', ({ operator, parsed }) => {
    // Act / Assess
    expect(parseOperator(operator)).toEqual(parsed);
  });
});

describe('policy/public: principals and effects', () => {
  it.each([
    { name: 'Principal "*"', statement: { Effect: 'Allow', Principal: '*' }, principal: '*' },
    { name: 'Principal {"AWS":"*"}', statement: { Effect: 'Allow', Principal: { AWS: '*' } }, principal: 'AWS:*' },
    { name: 'a principal list holding *', statement: { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }, principal: 'AWS:*' },
    { name: 'a bare list holding *', statement: { Effect: 'Allow', Principal: ['*'] }, principal: '*' },
    { name: 'CanonicalUser *', statement: { Effect: 'Allow', Principal: { CanonicalUser: '*' } }, principal: 'CanonicalUser:*' },
    { name: 'the root of every account', statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:root' } }, principal: 'AWS:*' },
    { name: 'NotPrincipal with Allow', statement: { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }, principal: 'NotPrincipal' },
    { name: 'Effect written in lower case', statement: { Effect: 'allow', Principal: '*' }, principal: '*' },
  ])('public: $name', ({ statement, principal }) => {
    // Prepare
    const [parsed] = parsePolicy({ Statement: [{ Action: 's3:GetObject', Resource: '*', ...statement }] }) ?? [];

    // Act
    const found = parsed ? publicStatement(parsed) : undefined;

    // Assess
    expect(found?.principal).toBe(principal);
    expect(parsed && isPublicPrincipal(parsed)).toBe(true);
  });

  it.each([
    { name: 'a Deny to everyone', statement: { Effect: 'Deny', Principal: '*' } },
    { name: 'a named account', statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' } } },
    { name: 'a service principal', statement: { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' } } },
    { name: 'everyone pinned by org id', statement: { Effect: 'Allow', Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } } },
  ])('not public: $name', ({ statement }) => {
    // Prepare
    const [parsed] = parsePolicy({ Statement: [{ Action: 's3:GetObject', Resource: '*', ...statement }] }) ?? [];

    // Act / Assess
    expect(parsed && publicStatement(parsed)).toBeUndefined();
  });

  it('publicStatements keeps the index and the reasons', () => {
    // Prepare
    const statements = parsePolicy({
      Statement: [
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Sid: 'Web', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } },
      ],
    }) ?? [];

    // Act
    const found = publicStatements(statements);

    // Assess
    expect(found.map((f) => ({ index: f.index, sid: f.statement.Sid, conditioned: f.conditioned, reasons: f.reasons }))).toEqual([
      {
        index: 1,
        sid: 'Web',
        conditioned: true,
        reasons: ['StringNotEquals aws:SourceVpce: a negated or non-matching operator lets callers without the key through'],
      },
    ]);
  });
});
