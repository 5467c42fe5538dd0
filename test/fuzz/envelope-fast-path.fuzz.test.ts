/**
 * Property-based tests of the hand-written envelope checks and the time fast
 * path against what they replace: for random CloudTrail records and Yandex
 * events (well formed from realistic field pools, and mutated: wrong types,
 * `null`, missing fields, empty strings, odd nested values, extra and
 * `__proto__`-like keys, values JSON never holds), `parseCloudTrailRecord` and
 * `parseYandexEvent` give exactly what the zod-only parsers gave (events with
 * their key order, and rejection reasons); a check that vouches for a record
 * is never wrong about it; and `normalizeTime` gives what `Date.parse` gives
 * on any date-like text.
 *
 * Runs: 2 000 per property (10 000 for times), and every declared field set
 * to every odd value on four sampled records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloudTrailRecordSchema, isCloudTrailEnvelope } from '../../shared/formats/aws-cloudtrail-envelope.js';
import { parseCloudTrailRecord } from '../../shared/formats/aws-cloudtrail.js';
import { fastIsoTime, normalizeTime, normalizeTimeByDateParse, type ParsedRecord } from '../../shared/formats/common.js';
import { parseYandexEvent } from '../../shared/formats/yandex-audit-trails.js';
import { isYandexEnvelope, yandexEventSchema } from '../../shared/formats/yandex-envelope.js';
import { POLLUTION_KEYS, asParsedJson, auditJson, hostileName, hostileString, mutated } from '../helpers/arbitraries.js';
import { zodOnlyCloudTrailRecord, zodOnlyYandexEvent } from './zod-only-parsers.js';

const RUNS = 2_000;
const SOURCE = { key: 'AWSLogs/o-abc/111122223333/CloudTrail/eu-west-1/2026/10/01/x.json.gz', index: 3 };

/** Marks a field left out of the record (not the same as a field set to `undefined`). */
const ABSENT = Symbol('absent');
type Field = readonly [string, unknown];

/**
 * An object from generated fields, leaving out the {@link ABSENT} ones, in the
 * order given; every key an own data property, `__proto__` too (as JSON.parse makes it).
 */
function objectOf(fields: readonly Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fields) {
    if (value !== ABSENT) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A text field present with `value` most of the time, else absent, `null` or (rarely) empty. */
function maybe<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null | '' | typeof ABSENT> {
  return fc.oneof(
    { weight: 6, arbitrary: value },
    { weight: 2, arbitrary: fc.constant(ABSENT) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant('' as const) },
  );
}

/** An object field present most of the time, else absent or `null`. */
function maybeObject<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null | typeof ABSENT> {
  return fc.oneof({ weight: 6, arbitrary: value }, { weight: 2, arbitrary: fc.constant(ABSENT) }, { weight: 1, arbitrary: fc.constant(null) });
}

/** Keys a log writer adds that no schema declares, pollution keys among them. */
const extraFields: fc.Arbitrary<Field[]> = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.constantFrom('eventVersion', 'readOnly', 'tlsDetails', 'resources', 'attributes', 'x')), auditJson),
  { maxLength: 3 },
);

/** Time texts as logs write them, and as they should not. */
const timeText = fc.oneof(
  fc.constantFrom('2026-10-01T12:00:00Z', '2026-10-01T12:00:00.123456Z', '2026-10-01T12:00:00.1Z', '2024-02-29T23:59:59.999999999Z'),
  fc.constantFrom('2026-10-01 12:00:00.000', '2026-10-01T12:00', '2025-02-29T00:00:00Z', '2026-10-01T24:00:00Z', 'yesterday', ''),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  hostileString,
);

// --- CloudTrail -----------------------------------------------------------

const account = fc.constantFrom('111122223333', '444455556666', '999988887777');
const roleName = fc.constantFrom('OpsAdmin', 'AWSReservedSSO_AdministratorAccess_0123abcd', 'ci/deploy', 'lambda-exec');
const sessionName = fc.oneof(fc.constantFrom('bob@example.com', 'i-0abc123def4567890', 'botocore-session-1718030000'), hostileName);
const arnText = fc.oneof(
  fc.tuple(account, roleName, sessionName).map(([a, r, s]) => `arn:aws:sts::${a}:assumed-role/${r}/${s}`),
  fc.tuple(account, sessionName).map(([a, u]) => `arn:aws:sts::${a}:federated-user/${u}`),
  fc.tuple(account, fc.constantFrom('dev-alice', 'path/to/bob', 'ops')).map(([a, u]) => `arn:aws:iam::${a}:user/${u}`),
  account.map((a) => `arn:aws:iam::${a}:root`),
  fc.constantFrom('arn:aws:sts::1:assumed-role/', 'arn:aws:sts::1:assumed-role//x', 'x:assumed-role/R/a\nb', 'x:assumed-role/R/a\n:assumed-role/S/b', 'no-slash', '/', ''),
  fc.constantFrom('x:federated-user/a\rb', 'x:federated-user/', 'x:federated-user/a\u2028:federated-user/b', 'x:assumed-role/R/\n', 'x:assumed-role/R\n/s'),
  fc.constantFrom('x:assumed-role//:assumed-role/R/s', 'x:assumed-role/R/s:federated-user/u', 'x:federated-user/u\n:assumed-role/R/s', 'x:assumed-role/R/s\u2029'),
  // Markers, slashes and line terminators in any order: every way the session-name search can go.
  fc.array(fc.constantFrom(':assumed-role/', ':federated-user/', '/', 'R', 's', ':', '\n', '\r', '\u2028', '\u2029'), { maxLength: 8 }).map((parts) => `arn${parts.join('')}`),
  hostileString,
);
const identityType = fc.constantFrom('IAMUser', 'AssumedRole', 'FederatedUser', 'Root', 'IdentityCenterUser', 'SAMLUser', 'WebIdentityUser', 'AWSService', 'AWSAccount', 'Unknown');

const sessionIssuer = fc
  .tuple(maybe(fc.constantFrom('Role', 'IAMUser')), maybe(arnText), maybe(roleName), maybe(account), extraFields)
  .map(([type, arn, userName, accountId, extra]) => objectOf([['type', type], ['principalId', 'AROAEXAMPLEROLEID'], ['arn', arn], ['userName', userName], ['accountId', accountId], ...extra]));

const sessionContext = fc
  .tuple(
    maybeObject(sessionIssuer),
    maybe(fc.oneof(fc.constantFrom('alice@example.com'), hostileString)),
    maybeObject(fc.oneof(fc.constant({}), fc.constantFrom('cognito-identity.amazonaws.com', 'accounts.google.com').map((p) => ({ federatedProvider: p, attributes: {} })))),
    extraFields,
  )
  .map(([issuer, sourceIdentity, web, extra]) =>
    objectOf([['sessionIssuer', issuer], ['webIdFederationData', web], ['attributes', { creationDate: '2026-10-01T11:58:00Z', mfaAuthenticated: 'true' }], ['sourceIdentity', sourceIdentity], ...extra]),
  );

const userIdentity = fc
  .tuple(
    fc.tuple(maybe(identityType), maybe(fc.oneof(fc.constantFrom('AROAEXAMPLEROLEID:bob', 'AIDAEXAMPLE', '111122223333'), hostileString)), maybe(arnText), maybe(account)),
    fc.tuple(maybe(fc.constantFrom('dev-alice', 'HIDDEN_DUE_TO_SECURITY_REASONS')), maybe(fc.constantFrom('s3.amazonaws.com', 'AWS Internal'))),
    fc.tuple(
      maybe(fc.constantFrom('arn:aws:iam::111122223333:saml-provider/Okta', 'accounts.google.com')),
      maybeObject(fc.record({ userId: maybe(fc.constantFrom('94482488-3041-7026-18f3-be45837cd0e4', '')), identityStoreArn: maybe(fc.constant('arn:aws:identitystore::111122223333:identitystore/d-1234')) })),
      maybeObject(fc.record({ issuerType: fc.constant('AWS::Lambda::Function'), credentialsIssuedTo: maybe(fc.constant('arn:aws:lambda:eu-west-1:111122223333:function:f')) })),
      maybeObject(sessionContext),
    ),
    extraFields,
  )
  .map(([[type, principalId, arn, accountId], [userName, invokedBy], [identityProvider, onBehalfOf, inScopeOf, context], extra]) =>
    objectOf([
      ['type', type], ['principalId', principalId], ['arn', arn], ['accountId', accountId], ['accessKeyId', 'ASIAEXAMPLEKEY000001'],
      ['userName', userName], ['invokedBy', invokedBy], ['identityProvider', identityProvider],
      // fc.record keeps ABSENT markers inside: drop them there too.
      ['onBehalfOf', onBehalfOf && typeof onBehalfOf === 'object' ? objectOf(Object.entries(onBehalfOf)) : onBehalfOf],
      ['inScopeOf', inScopeOf && typeof inScopeOf === 'object' ? objectOf(Object.entries(inScopeOf)) : inScopeOf],
      ['sessionContext', context], ...extra,
    ]),
  );

/** A CloudTrail record from realistic pools, every lenient field of its type (so the fast check takes it). */
const wellFormedCloudTrail = fc
  .tuple(
    fc.tuple(fc.oneof(fc.uuid(), hostileName), fc.constantFrom('GetObject', 'PutBucketAcl', 'AssumeRole', 'ConsoleLogin'), fc.constantFrom('s3.amazonaws.com', 'sts.amazonaws.com', 'signin.amazonaws.com'), maybe(timeText)),
    fc.tuple(maybe(fc.constantFrom('eu-west-1', 'us-east-1')), maybe(fc.constantFrom('198.51.100.7', 'AWS Internal', 's3.amazonaws.com')), maybe(fc.oneof(fc.constantFrom('aws-cli/2.15.30'), hostileString))),
    fc.tuple(maybe(fc.constantFrom('AccessDenied', 'NoSuchBucket')), maybe(fc.constantFrom('Access Denied', 'The specified bucket does not exist')), maybe(account)),
    maybeObject(userIdentity),
    fc.tuple(fc.option(auditJson, { nil: ABSENT }), fc.option(auditJson, { nil: ABSENT })),
    extraFields,
  )
  .map(([[eventID, eventName, eventSource, eventTime], [awsRegion, sourceIPAddress, userAgent], [errorCode, errorMessage, recipientAccountId], identity, [request, response], extra]) =>
    objectOf([
      ['eventVersion', '1.09'], ['userIdentity', identity], ['eventTime', eventTime], ['eventSource', eventSource], ['eventName', eventName],
      ['awsRegion', awsRegion], ['sourceIPAddress', sourceIPAddress], ['userAgent', userAgent], ['errorCode', errorCode], ['errorMessage', errorMessage],
      ['requestParameters', request], ['responseElements', response], ['eventID', eventID], ['recipientAccountId', recipientAccountId], ...extra,
    ]),
  );

/** Every field path `cloudTrailRecordSchema` declares, to aim mutations at. */
const CLOUDTRAIL_PATHS: readonly (readonly string[])[] = [
  ...['eventID', 'eventName', 'eventSource', 'eventTime', 'awsRegion', 'sourceIPAddress', 'userAgent', 'errorCode', 'errorMessage', 'recipientAccountId', 'userIdentity', 'requestParameters', 'responseElements'].map((k) => [k]),
  ...['type', 'principalId', 'arn', 'accountId', 'userName', 'invokedBy', 'identityProvider', 'onBehalfOf', 'inScopeOf', 'sessionContext'].map((k) => ['userIdentity', k]),
  ['userIdentity', 'onBehalfOf', 'userId'], ['userIdentity', 'onBehalfOf', 'identityStoreArn'], ['userIdentity', 'inScopeOf', 'credentialsIssuedTo'],
  ['userIdentity', 'sessionContext', 'sessionIssuer'], ['userIdentity', 'sessionContext', 'sourceIdentity'], ['userIdentity', 'sessionContext', 'webIdFederationData'],
  ['userIdentity', 'sessionContext', 'webIdFederationData', 'federatedProvider'],
  ...['type', 'arn', 'userName', 'accountId'].map((k) => ['userIdentity', 'sessionContext', 'sessionIssuer', k]),
];

// --- Yandex ---------------------------------------------------------------

const yandexId = fc.constantFrom('ajeexampleuser000001', 'aje9k2l3m4n5example', 'bfbexamplesa0000001');
const pathEntry = fc
  .tuple(
    maybe(fc.constantFrom('organization-manager.organization', 'resource-manager.cloud', 'resource-manager.folder', 'storage.bucket')),
    maybe(fc.constantFrom('bpf3crucp1v2example', 'b1g8dn6s3v2example01', 'b1gvmob95yexample001')),
    maybe(fc.oneof(fc.constantFrom('acme', 'acme-prod', 'web'), hostileString)),
    extraFields,
  )
  .map(([type, id, name, extra]) => objectOf([['resource_type', type], ['resource_id', id], ['resource_name', name], ...extra]));

const impersonatorInfo = fc
  .tuple(maybe(yandexId), maybe(fc.constantFrom('SERVICE_ACCOUNT', 'YANDEX_PASSPORT_USER_ACCOUNT')), maybe(fc.constantFrom('support', 'robot')))
  .map(([id, type, name]) => objectOf([['impersonator_id', id], ['type', type], ['name', name]]));
const tokenInfo = fc
  .tuple(maybe(yandexId), maybe(fc.constantFrom('SERVICE_ACCOUNT')), maybe(fc.constantFrom('support')))
  .map(([id, type, name]) => objectOf([['masked_iam_token', 't1.9eue…'], ['impersonator_id', id], ['impersonator_type', type], ['impersonator_name', name]]));
const flag = fc.constantFrom<unknown>(true, false, 'true', 'false', 'TRUE', '', ABSENT, null);

const authentication = fc
  .tuple(
    fc.tuple(flag, maybe(fc.constantFrom('YANDEX_PASSPORT_USER_ACCOUNT', 'SERVICE_ACCOUNT', 'FEDERATED_USER_ACCOUNT')), maybe(yandexId), maybe(fc.oneof(fc.constantFrom('ivan.petrov', 'maria@acme.example'), hostileString))),
    fc.tuple(maybe(fc.constant('bpfexamplefed0000001')), maybe(fc.constant('acme-sso')), maybeObject(impersonatorInfo), maybeObject(tokenInfo)),
    extraFields,
  )
  .map(([[authenticated, type, id, name], [fedId, fedName, imp, token], extra]) =>
    objectOf([
      ['authenticated', authenticated], ['subject_type', type], ['subject_id', id], ['subject_name', name],
      ['federation_id', fedId], ['federation_name', fedName], ['impersonator_info', imp], ['token_info', token], ...extra,
    ]),
  );

/** A Yandex event from realistic pools, every lenient field of its type (so the fast check takes it). */
const wellFormedYandex = fc
  .tuple(
    fc.tuple(fc.oneof(fc.constantFrom('enpk2rexample0000001'), hostileName), fc.constantFrom('yandex.cloud.audit.storage.BucketUpdate', 'yandex.cloud.audit.network.UpdateSecurityGroup', 'odd', 'a.b.c'), maybe(timeText), maybe(fc.constantFrom('storage', 'network'))),
    fc.tuple(maybe(fc.constantFrom('DONE', 'done', 'STARTED', 'RUNNING', 'ERROR', 'CANCELLED')), maybeObject(authentication), maybeObject(flag.map((authorized) => objectOf([['authorized', authorized]])))),
    fc.tuple(
      maybeObject(maybeObject(fc.array(pathEntry, { maxLength: 5 })).map((path) => objectOf([['path', path]]))),
      maybeObject(fc.tuple(maybe(fc.constantFrom('203.0.113.9', '2001:db8::1')), maybe(fc.constantFrom('yc/0.140', 'Terraform/1.9')), maybe(fc.uuid())).map(([ip, agent, id]) => objectOf([['remote_address', ip], ['user_agent', agent], ['request_id', id]]))),
      maybeObject(fc.tuple(maybe(fc.oneof(fc.constantFrom(7, 0, -1, 1.5, Number.MAX_VALUE), fc.constantFrom('PERMISSION_DENIED', ''))), maybe(fc.constantFrom('Permission denied'))).map(([code, message]) => objectOf([['code', code], ['message', message]]))),
    ),
    fc.tuple(fc.option(auditJson, { nil: ABSENT }), fc.option(auditJson, { nil: ABSENT })),
    extraFields,
  )
  .map(([[id, type, time, source], [status, auth, authz], [resources, request, error], [details, response], extra]) =>
    objectOf([
      ['event_id', id], ['event_source', source], ['event_type', type], ['event_time', time], ['authentication', auth], ['authorization', authz],
      ['resource_metadata', resources], ['request_metadata', request], ['event_status', status], ['error', error], ['details', details], ['response', response], ...extra,
    ]),
  );

/** Every field path `yandexEventSchema` declares (`0` for a path entry), to aim mutations at. */
const YANDEX_PATHS: readonly (readonly string[])[] = [
  ...['event_id', 'event_type', 'event_time', 'event_source', 'event_status', 'authentication', 'authorization', 'resource_metadata', 'request_metadata', 'error', 'details', 'response'].map((k) => [k]),
  ...['authenticated', 'subject_type', 'subject_id', 'subject_name', 'federation_id', 'federation_name', 'impersonator_info', 'token_info'].map((k) => ['authentication', k]),
  ...['impersonator_id', 'type', 'name'].map((k) => ['authentication', 'impersonator_info', k]),
  ...['impersonator_id', 'impersonator_type', 'impersonator_name'].map((k) => ['authentication', 'token_info', k]),
  ['authorization', 'authorized'], ['resource_metadata', 'path'], ['resource_metadata', 'path', '0'],
  ...['resource_type', 'resource_id', 'resource_name'].map((k) => ['resource_metadata', 'path', '0', k]),
  ...['remote_address', 'user_agent', 'request_id'].map((k) => ['request_metadata', k]),
  ['error', 'code'], ['error', 'message'],
];

// --- Mutations ------------------------------------------------------------

/** A sparse array: a hole where a path entry should be. */
function sparse(): unknown[] {
  const list: unknown[] = [];
  list[1] = { resource_type: 'resource-manager.cloud', resource_id: 'b1g' };
  return list;
}

/** Values of the wrong type or kind, JSON and not. */
/** An object with a `then` (zod takes it for a promise when `catch` is a function too). */
function withThen(then: unknown, withCatch: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = { userId: 'u', resource_type: 'resource-manager.cloud' };
  Object.defineProperty(fields, 'then', { value: then, enumerable: true });
  if (withCatch) fields.catch = () => undefined;
  return fields;
}

const ODD_VALUES: readonly (() => unknown)[] = [
  () => undefined, () => null, () => '', () => 'x', () => 0, () => 1, () => -1, () => 1.5, () => Number.NaN, () => Number.POSITIVE_INFINITY,
  () => true, () => false, () => [], () => [''], () => [{}], () => ({}), () => withThen('x', false), () => ({ __proto__: null, a: 1 }),
  () => Object.create(null), () => new Date(0), () => new Map([['userId', 'u']]), () => withThen(() => undefined, true),
  () => withThen(() => undefined, false), sparse, () => 10n, () => Symbol('s'), () => () => 'f',
];

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...ODD_VALUES).map((make) => make()) },
  auditJson,
  hostileString,
);

/** Set `value` at `path`, making objects on the way where there are none (a copy; the input is left alone). */
function setAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const base: Record<string, unknown> = Array.isArray(value) ? { ...value } : value !== null && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : {};
  base[head] = setAt(base[head], rest, replacement);
  if (Array.isArray(value) || head === '0') return Object.assign([], base);
  return base;
}

/** Delete the field at `path` (a copy). */
function deleteAt(value: unknown, path: readonly string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined || value === null || typeof value !== 'object') return value;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  if (rest.length === 0) delete copy[head];
  else copy[head] = deleteAt(copy[head], rest);
  return copy;
}

/** Up to four edits aimed at declared fields (odd value or deletion), then maybe the generic random edits. */
function aimedMutations(base: fc.Arbitrary<unknown>, paths: readonly (readonly string[])[]): fc.Arbitrary<unknown> {
  const edit = fc.tuple(fc.constantFrom(...paths), fc.option(oddValue, { freq: 4, nil: ABSENT }));
  return fc
    .tuple(base, fc.array(edit, { minLength: 1, maxLength: 4 }), fc.boolean())
    .chain(([record, edits, random]) => {
      const aimed = edits.reduce<unknown>((r, [path, value]) => (value === ABSENT ? deleteAt(r, path) : setAt(r, path, value)), record);
      return random ? mutated(aimed) : fc.constant(aimed);
    });
}

/** Records as a reader may see them: JS objects, JSON.parse output (`__proto__` an own key), or anything at all. */
function inputs(wellFormed: fc.Arbitrary<unknown>, paths: readonly (readonly string[])[]): fc.Arbitrary<unknown> {
  const anyShape = fc.oneof(wellFormed, aimedMutations(wellFormed, paths));
  return fc.oneof(
    { weight: 4, arbitrary: anyShape },
    { weight: 4, arbitrary: anyShape.map(parsedIfJson) },
    { weight: 1, arbitrary: fc.oneof(oddValue, fc.jsonValue({ maxDepth: 3 })) },
  );
}

/** The value after a JSON round trip (as a reader gets it), or as it is when JSON cannot write it (bigint). */
function parsedIfJson(value: unknown): unknown {
  try {
    return asParsedJson(value);
  } catch {
    return value;
  }
}

/** The same result: deep-equal (`undefined` fields and classes included), key order included, the same `raw`. */
function expectSameResult(actual: ParsedRecord, expected: ParsedRecord, record: unknown): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual, safeJson)).toBe(JSON.stringify(expected, safeJson));
  if (actual.ok && expected.ok) {
    expect(actual.event.raw).toBe(record);
    // The record's own request and response objects, not copies (an absent one is a fresh `{}` either way).
    if (Object.keys(expected.event.request).length > 0) expect(actual.event.request).toBe(expected.event.request);
    if (Object.keys(expected.event.response).length > 0) expect(actual.event.response).toBe(expected.event.response);
  }
}

/** JSON.stringify replacer for values it cannot write (bigint). */
function safeJson(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}

/** The value at `path`, read as the normalizers read it. */
function at(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const key of path) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[key];
  return v;
}

/** A declared field as the record holds it and as zod gives it: the same value, or (nested objects, which zod copies) both objects. */
function expectSameField(inRecord: unknown, inParsed: unknown): void {
  if (inRecord !== null && typeof inRecord === 'object') expect(inParsed).toBeTypeOf('object');
  else expect(inParsed).toBe(inRecord);
}

describe('CloudTrail envelope fast path', () => {
  const records = inputs(wellFormedCloudTrail, CLOUDTRAIL_PATHS);

  it('gives the zod-only result for any record (events in key order, rejection reasons)', () => {
    fc.assert(
      fc.property(records, fc.boolean(), (record, withSource) => {
        const source = withSource ? SOURCE : undefined;
        expectSameResult(parseCloudTrailRecord(record, source), zodOnlyCloudTrailRecord(record, source), record);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the zod-only result with every declared field set to every odd value', () => {
    for (const record of fc.sample(wellFormedCloudTrail, { numRuns: 4, seed: 7 })) {
      for (const path of CLOUDTRAIL_PATHS) {
        for (const make of ODD_VALUES) {
          const odd = setAt(record, path, make());
          expectSameResult(parseCloudTrailRecord(odd), zodOnlyCloudTrailRecord(odd), odd);
        }
      }
    }
  });

  it('vouches only for records zod accepts and gives back unchanged in every declared field', () => {
    fc.assert(
      fc.property(records, (record) => {
        if (!isCloudTrailEnvelope(record)) return;
        const parsed = cloudTrailRecordSchema.safeParse(record);
        expect(parsed.success).toBe(true);
        for (const path of CLOUDTRAIL_PATHS) expectSameField(at(record, path), at(parsed.data, path));
      }),
      { numRuns: RUNS },
    );
  });

  it('vouches for every well-formed record (the fast path is the common path)', () => {
    fc.assert(
      fc.property(wellFormedCloudTrail, fc.boolean(), (record, parsed) => {
        expect(isCloudTrailEnvelope(parsed ? asParsedJson(record) : record)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Yandex envelope fast path', () => {
  const events = inputs(wellFormedYandex, YANDEX_PATHS);

  it('gives the zod-only result for any event (events in key order, rejection reasons)', () => {
    fc.assert(
      fc.property(events, fc.boolean(), (event, withSource) => {
        const source = withSource ? SOURCE : undefined;
        expectSameResult(parseYandexEvent(event, source), zodOnlyYandexEvent(event, source), event);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the zod-only result with every declared field set to every odd value', () => {
    for (const event of fc.sample(wellFormedYandex, { numRuns: 4, seed: 7 })) {
      for (const path of YANDEX_PATHS) {
        for (const make of ODD_VALUES) {
          const odd = setAt(event, path, make());
          expectSameResult(parseYandexEvent(odd), zodOnlyYandexEvent(odd), odd);
        }
      }
    }
  });

  it('vouches only for events zod accepts and gives back unchanged in every declared field', () => {
    fc.assert(
      fc.property(events, (event) => {
        if (!isYandexEnvelope(event)) return;
        const parsed = yandexEventSchema.safeParse(event);
        expect(parsed.success).toBe(true);
        for (const path of YANDEX_PATHS) expectSameField(at(event, path), at(parsed.data, path));
        const entries = at(event, ['resource_metadata', 'path']);
        if (Array.isArray(entries)) {
          entries.forEach((entry: unknown, i) => {
            for (const key of ['resource_type', 'resource_id', 'resource_name']) {
              expect(at(entry, [key])).toBe(at(parsed.data, ['resource_metadata', 'path', String(i), key]));
            }
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('vouches for every well-formed event (the fast path is the common path)', () => {
    fc.assert(
      fc.property(wellFormedYandex, fc.boolean(), (event, parsed) => {
        expect(isYandexEnvelope(parsed ? asParsedJson(event) : event)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

// --- Times ----------------------------------------------------------------

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Date-like texts near the fast path's shapes: every field in and out of range, fraction lengths 0–14, other separators and zones. */
const dateLike = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }).map((y) => pad(y, 4)), fc.constantFrom('2024', '2026', '1970', '0000', '2000', '1900', '2100', '+002026', '-000001', '20261', '202')),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    fc.option(fc.string({ unit: fc.constantFrom('0', '0', '1', '5', '9'), minLength: 0, maxLength: 14 }), { nil: undefined }),
    fc.constantFrom('T', 'T', 'T', 't', ' '),
    fc.constantFrom('Z', 'Z', 'Z', 'z', '', '+00:00', '+03:00', ' Z', 'Z '),
    fc.constantFrom('', '', '', ' ', '\t'),
  )
  .map(([y, mo, d, h, mi, s, fraction, sep, zone, space]) => `${space}${y}-${pad(mo, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${fraction === undefined ? '' : `.${fraction}`}${zone}`);

/** A date-like text with one character replaced (digits by other digits or by anything). */
const nearDate = fc
  .tuple(dateLike, fc.nat(), fc.oneof(fc.constantFrom('0', '9', '-', ':', 'T', 'Z', '.', ' ', '٣'), fc.string({ maxLength: 1 })))
  .map(([text, at, unit]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + unit + text.slice(i + 1);
  });

/** ISO times with 0 to 12 fraction digits, leading zeros and all: the fast path's own shapes, and just past them. */
const isoWithFraction = fc
  .tuple(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), fc.string({ unit: fc.constantFrom('0', '0', '3', '9'), maxLength: 12 }))
  .map(([date, fraction]) => `${date.toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`);

/** Month ends, leap years and century years (divisible by 400 or not). */
const monthEnd = fc
  .tuple(fc.constantFrom('0000', '0100', '0400', '1600', '1700', '1900', '2000', '2004', '2023', '2024', '2100', '2400', '9996'), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 28, max: 32 }), fc.constantFrom('', '.5', '.999999'))
  .map(([year, month, day, fraction]) => `${year}-${pad(month, 2)}-${pad(day, 2)}T23:59:59${fraction}Z`);

const anyDateText = fc.oneof(
  { weight: 4, arbitrary: dateLike },
  { weight: 2, arbitrary: monthEnd },
  { weight: 3, arbitrary: isoWithFraction },
  { weight: 3, arbitrary: nearDate },
  { weight: 2, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

describe('normalizeTime fast path', () => {
  it('gives what Date.parse gives on any date-like text', () => {
    fc.assert(
      fc.property(anyDateText, (text) => {
        expect(normalizeTime(text)).toBe(normalizeTimeByDateParse(text));
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('takes the exact shapes logs write, and only those', () => {
    fc.assert(
      fc.property(anyDateText, (text) => {
        const fast = fastIsoTime(text);
        if (fast !== undefined) {
          expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
          expect(fast).toBe(new Date(Date.parse(text)).toISOString());
        }
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('takes every ISO time a Date writes, and times with 1 to 9 fraction digits', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 9 }), (date, digits) => {
        const iso = date.toISOString();
        const fraction = `${iso.slice(20, 23)}024689`.slice(0, digits);
        const text = digits === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${fraction}Z`;
        const fast = fastIsoTime(text);
        expect(fast).toBeDefined();
        expect(fast).toBe(normalizeTimeByDateParse(text));
      }),
      { numRuns: RUNS },
    );
  });
});

