import { describe, expect, it } from 'vitest';
import { SigmaRefusal } from '../../shared/sigma/refusal.js';
import { selection } from './helpers.js';

const record = {
  eventName: 'PutBucketPolicy',
  eventSource: 's3.amazonaws.com',
  sourceIPAddress: '203.0.113.17',
  userAgent: 'aws-cli/2.15.30 Python/3.11.8',
  errorCode: null,
  readOnly: false,
  apiVersion: 3,
  userIdentity: { type: 'IAMUser', userName: 'dev-alice', arn: 'arn:aws:iam::111122223333:user/dev-alice', sessionContext: { attributes: { mfaAuthenticated: 'false' } } },
  requestParameters: { bucketName: 'acme-logs', 'x-amz-acl': ['private', 'public-read'], policy: { Statement: [{ Effect: 'Allow', Principal: '*' }] } },
  resources: [{ ARN: 'arn:aws:s3:::acme-logs', type: 'AWS::S3::Bucket' }, { ARN: 'arn:aws:s3:::acme-other', type: 'AWS::S3::Bucket' }],
  'tls.details': 'literal-dotted-key',
  tls: { details: 'nested' },
  path: 'C:\\Windows\\*star',
  commandLine: 'net user /add eviluser',
  encoded: Buffer.from('Invoke-Mimikatz -DumpCreds').toString('base64'),
  encodedInner: Buffer.from('xxIEX (New-Object Net.WebClient)').toString('base64'),
  wideEncoded: Buffer.from(Buffer.from('whoami /all', 'utf16le')).toString('base64'),
  eventTime: '2026-10-01T23:15:00Z',
  count: '42',
};

describe('Sigma field items', () => {
  it.each([
    ['plain value is whole-value and case-insensitive', 'eventName: putbucketpolicy', true],
    ['plain value does not match a part', 'eventName: PutBucket', false],
    ['* wildcard', "eventName: 'Put*Policy'", true],
    ['? wildcard is one character', "eventName: 'PutBucketPolic?'", true],
    ['? needs exactly one character', "eventName: 'PutBucketPolicy?'", false],
    ['escaped \\* is a literal star', "path: 'C:\\Windows\\\\\\*star'", true],
    ['escaped star does not act as wildcard', "path: 'C:\\Windows\\\\\\*st'", false],
    ['list is OR', 'eventName: [DeleteTrail, PutBucketPolicy]', true],
    ['list with no hit', 'eventName: [DeleteTrail, StopLogging]', false],
    ['contains', 'userAgent|contains: PYTHON/3', true],
    ['startswith', 'userAgent|startswith: aws-cli', true],
    ['endswith', 'userAgent|endswith: 3.11.8', true],
    ['endswith miss', 'userAgent|endswith: aws-cli', false],
    ['contains|all needs every value', 'userAgent|contains|all: [aws-cli, Python]', true],
    ['contains|all with one missing', 'userAgent|contains|all: [aws-cli, Ruby]', false],
    ['cased is case-sensitive', 'eventName|cased: putbucketpolicy', false],
    ['cased exact', 'eventName|cased: PutBucketPolicy', true],
    ['null: absent field', 'missingField: null', true],
    ['null: JSON null', 'errorCode: null', true],
    ['null: present value', 'eventName: null', false],
    ['empty string matches only empty', "eventName: ''", false],
    ['boolean record value compares as text', "readOnly: 'false'", true],
    ['number rule value matches number', 'apiVersion: 3', true],
    ['number rule value matches numeric text', 'count: 42', true],
    ['dotted path walks maps', 'userIdentity.sessionContext.attributes.mfaAuthenticated: "false"', true],
    ['dotted path through arrays: any element', 'resources.ARN: arn:aws:s3:::acme-other', true],
    ['literal dotted key wins over nesting', 'tls.details: literal-dotted-key', true],
    ['array field: any element', 'requestParameters.x-amz-acl: public-read', true],
    ['string matcher on an object matches any leaf', 'requestParameters|contains: "*"', true],
    ['object leaf match, nested', 'requestParameters.policy|contains: Allow', true],
    ['re searches anywhere, case-sensitive', "userAgent|re: 'Python/3\\.[0-9]+'", true],
    ['re is case-sensitive by default', 'userAgent|re: "python"', false],
    ['re|i', 'userAgent|re|i: "python"', true],
    ['re anchors', 'userAgent|re: "^aws-cli"', true],
    ['cidr v4', 'sourceIPAddress|cidr: 203.0.113.0/24', true],
    ['cidr v4 miss', 'sourceIPAddress|cidr: 198.51.100.0/24', false],
    ['cidr list', 'sourceIPAddress|cidr: [10.0.0.0/8, 203.0.112.0/23]', true],
    ['exists true', 'userIdentity.userName|exists: true', true],
    ['exists false on present', 'userIdentity.userName|exists: false', false],
    ['exists counts null as present', 'errorCode|exists: true', true],
    ['fieldref equal', 'requestParameters.bucketName|fieldref: resources.ARN', false],
    ['fieldref|endswith', 'userIdentity.arn|fieldref|endswith: userIdentity.userName', true],
    ['neq', 'eventName|neq: DeleteTrail', true],
    ['neq equal', 'eventName|neq: PutBucketPolicy', false],
    ['gt', 'apiVersion|gt: 2', true],
    ['lte', 'apiVersion|lte: 2', false],
    ['gte on numeric text', 'count|gte: 42', true],
    ['lt on a non-number is false', 'eventName|lt: 5', false],
    ['hour time modifier', 'eventTime|hour: 23', true],
    ['month time modifier with gte', 'eventTime|month|gte: 10', true],
    ['base64', 'encoded|base64: Invoke-Mimikatz -DumpCreds', true],
    ['base64offset|contains finds an inner value', 'encodedInner|base64offset|contains: IEX (New-Object', true],
    ['wide|base64offset|contains', 'wideEncoded|wide|base64offset|contains: whoami', true],
    ['windash accepts a dash for a slash', "commandLine|windash|contains: ' -add '", true],
    ['windash miss', "commandLine|windash|contains: ' -del '", false],
  ])('%s', (_name, body, expected) => {
    // Prepare
    const rule = selection(body);

    // Act
    const hit = rule.match(record);

    // Assess
    expect(hit).toBe(expected);
  });

  it.each([
    ['expand placeholder', 'user|expand: "%Administrators%"', /expand modifier/],
    ['unknown modifier', 'eventName|sorta: x', /unknown modifier "sorta"/],
    ['null in a list', 'errorCode: [AccessDenied, null]', /null cannot be part of a list/],
    ['bad cidr', 'sourceIPAddress|cidr: 10.0.0.0/99', /not a CIDR block/],
    ['bad regex', 'eventName|re: "("', /invalid regular expression/],
    ['number modifier with text', 'apiVersion|gt: many', /needs a number/],
    ['exists without boolean', 'eventName|exists: yes please', /exists takes true or false/],
    ['re flag without re', 'eventName|i: x', /applies only after re/],
  ])('refuses %s with a reason', (_name, body, reason) => {
    // Act
    const compile = () => selection(body);

    // Assess
    expect(compile).toThrow(SigmaRefusal);
    expect(compile).toThrow(reason);
  });
});

describe('re search form', () => {
  it.each([
    ['leading .+ needs a character before', '.+:assumed-role/', ':assumed-role/x', false],
    ['leading .+ with a character before', '.+:assumed-role/', 'a:assumed-role/x', true],
    ['trailing .+ needs a character after', 'role/aws:.+', 'role/aws:', false],
    ['trailing .+ with a character after', 'role/aws:.+', 'role/aws:x', true],
    ['leading .* is any prefix', '.*abc', 'abc', true],
    ['dot does not cross a newline', '.+abc', '\nabc', false],
  ])('%s', (_name, pattern, value, expected) => {
    // Prepare
    const rule = selection(`f|re: '${pattern}'`);

    // Act
    const hit = rule.match({ f: value });

    // Assess
    expect(hit).toBe(expected);
    expect(new RegExp(pattern).test(value)).toBe(expected);
  });
});
