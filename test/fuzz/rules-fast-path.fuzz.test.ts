/**
 * Each rule whose own code changed for speed gives exactly the findings its
 * previous version gives (kept verbatim in test/fuzz/reference/rules/, the
 * security-group one on the previous ip-permission and CIDR code): on
 * arbitrary request and response JSON for its actions, on random edits of
 * its dangerous fixture, and on the harmless records it sees most.
 *
 * Runs: 4 rules × (500 arbitrary + 500 edited + 200 harmless).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCloudTrailRecord } from '../../shared/formats/aws-cloudtrail.js';
import { callerNames, isCallerName } from '../../shared/rules/lib/aws-iam.js';
import { rule as adminPolicyAttached } from '../../shared/rules/aws-iam-admin-policy-attached.js';
import { rule as credentialsForOtherUser } from '../../shared/rules/aws-iam-credentials-for-other-user.js';
import { rule as sgIngressOpen } from '../../shared/rules/aws-ec2-sg-ingress-open.js';
import { rule as publicAccessBlockOff } from '../../shared/rules/aws-s3-public-access-block-off.js';
import type { AuditEvent, Finding, Rule, RuleContext } from '../../shared/types.js';
import { TRAIL_CONTEXT_FIXTURE, asParsedJson, auditJson, awsServiceOf, dangerousRecords, mutated } from '../helpers/arbitraries.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { rule as oldAdminPolicyAttached } from './reference/rules/aws-iam-admin-policy-attached.js';
import { rule as oldCredentialsForOtherUser } from './reference/rules/aws-iam-credentials-for-other-user.js';
import { rule as oldSgIngressOpen } from './reference/rules/aws-ec2-sg-ingress-open.js';
import { rule as oldPublicAccessBlockOff } from './reference/rules/aws-s3-public-access-block-off.js';
import { expectSameOutput, objectsIn } from './same-output.js';

const RUNS = 500;
const context: RuleContext = { ownAccounts: new Set(['111122223333']), trails: TRAIL_CONTEXT_FIXTURE };

const PAIRS: readonly (readonly [Rule, Rule])[] = [
  [sgIngressOpen, oldSgIngressOpen],
  [publicAccessBlockOff, oldPublicAccessBlockOff],
  [credentialsForOtherUser, oldCredentialsForOtherUser],
  [adminPolicyAttached, oldAdminPolicyAttached],
];

/** Callers: an IAM user (named like the target or not), an assumed role, root, a service. */
const identity = fc.oneof(
  fc.constantFrom('deploy-bot', 'svc-reporting', '', 'x/y').map((userName) => ({ type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${userName}`, accountId: '111122223333', userName })),
  fc.constantFrom('deploy-bot', 'gha-1234', '').map((session) => ({ type: 'AssumedRole', arn: `arn:aws:sts::111122223333:assumed-role/ci-deployer/${session}`, accountId: '111122223333' })),
  fc.constant({ type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' }),
  fc.constant({ type: 'AWSService', invokedBy: 'iam.amazonaws.com' }),
  fc.record({ userName: fc.oneof(fc.constantFrom('y', 'b', ''), fc.string({ maxLength: 4 })), arn: fc.oneof(fc.constantFrom('a/', '/', 'a/b', 'x/y', 'deploy-bot'), fc.string({ maxLength: 6 })) }, { requiredKeys: [] }),
);

function eventOf(rule: Rule, record: Record<string, unknown>): AuditEvent {
  const parsed = parseCloudTrailRecord(asParsedJson(record), { key: 'fuzz.json', index: 0 });
  if (!parsed.ok) throw new Error(parsed.reason);
  if (parsed.event.outcome !== 'success') throw new Error(`not a successful call: ${rule.id}`);
  return parsed.event;
}

/** Both versions on one event: the same findings (or the same error). */
function expectSameFindings(rule: Rule, reference: Rule, event: AuditEvent) {
  const run = (r: Rule): { readonly findings: Finding[] } | { readonly threw: string } => {
    try {
      return { findings: r.match(event, context) };
    } catch (error) {
      return { threw: String(error) };
    }
  };
  const expected = run(reference);
  const actual = run(rule);
  if ('findings' in expected && 'findings' in actual) {
    expectSameOutput(actual.findings, expected.findings, objectsIn(event));
    return expected.findings.length;
  }
  expect(actual).toEqual(expected);
  return 0;
}

/** The harmless records of scripts/bench/cloudtrail.ts that these rules see most, with their fields varied. */
const harmless: Readonly<Record<string, fc.Arbitrary<Record<string, unknown>>>> = {
  'aws-ec2-sg-ingress-open': fc
    .tuple(fc.constantFrom(5432, 6379, 443, 22), fc.constantFrom('10.20.0.0/16', '0.0.0.0/0', '::/0', '0.0.0.0/1'), fc.boolean())
    .map(([port, cidr, echo]) => ({
      eventSource: 'ec2.amazonaws.com',
      eventName: 'AuthorizeSecurityGroupIngress',
      requestParameters: { groupId: 'sg-0a1b2c3d', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, groups: {}, ipRanges: { items: [{ cidrIp: cidr, description: 'managed by terraform' }] }, ipv6Ranges: {}, prefixListIds: {} }] } },
      responseElements: { requestId: 'r', _return: true, securityGroupRuleSet: { items: echo ? [{ groupId: 'sg-0a1b2c3d', securityGroupRuleId: 'sgr-0f', isEgress: false, ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIpv4: cidr }] : [] } },
    })),
  'aws-s3-public-access-block-off': fc
    .tuple(
      fc.boolean(),
      fc.constantFrom(true, false, 'true', 'TRUE', 'false', undefined),
      fc.constantFrom('PublicAccessBlockConfiguration', 'publicAccessBlockConfiguration'),
      fc.boolean(),
      fc.constantFrom(undefined, '', { BlockPublicAcls: false }, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }),
    )
    .map(([all, flag, key, lowerCaseDuplicate, second]) => ({
      eventSource: 's3.amazonaws.com',
      eventName: 'PutBucketPublicAccessBlock',
      requestParameters: {
        bucketName: 'acme-media',
        publicAccessBlock: '',
        [key]: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', BlockPublicAcls: true, IgnorePublicAcls: all || flag, BlockPublicPolicy: true, RestrictPublicBuckets: true, ...(lowerCaseDuplicate ? { blockpublicacls: flag } : {}) },
        // A second configuration key of another case: the first one counts.
        ...(second === undefined ? {} : { PUBLICACCESSBLOCKCONFIGURATION: second }),
      },
    })),
  'aws-iam-credentials-for-other-user': fc.tuple(identity, fc.constantFrom('deploy-bot', 'svc-reporting', '', 'gha-1234')).map(([userIdentity, userName]) => ({
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    userIdentity,
    requestParameters: { userName },
    responseElements: { accessKey: { accessKeyId: 'AKIAEXAMPLE', status: 'Active', userName } },
  })),
  'aws-iam-admin-policy-attached': fc
    .tuple(fc.constantFrom('AttachRolePolicy', 'AttachUserPolicy'), fc.constantFrom('ReadOnlyAccess', 'AdministratorAccess', 'AmazonS3FullAccess', 'service-role/AWSLambda_FullAccess', 'toString', 'constructor'))
    .map(([eventName, policy]) => ({
      eventSource: 'iam.amazonaws.com',
      eventName,
      requestParameters: { roleName: 'app-readers', userName: 'svc', policyArn: `arn:aws:iam::aws:policy/${policy}` },
    })),
};

describe('rules changed for speed give the findings of their previous version', () => {
  it.each(PAIRS.map(([rule, reference]) => [rule.id, rule, reference] as const))('%s: on arbitrary request and response JSON', (_id, rule, reference) => {
    fc.assert(
      fc.property(fc.constantFrom(...rule.actions), identity, auditJson, auditJson, (eventName, userIdentity, request, response) => {
        const event = eventOf(rule, cloudTrailRecord({ eventSource: awsServiceOf(rule.id), eventName, userIdentity, requestParameters: request, responseElements: response }));
        expectSameFindings(rule, reference, event);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(PAIRS.map(([rule, reference]) => [rule.id, rule, reference] as const))('%s: on random edits of its dangerous fixture', (id, rule, reference) => {
    const fixture = dangerousRecords().find((f) => f.ruleId === id);
    if (!fixture) throw new Error(`no fixture for ${id}`);
    const base = asParsedJson(fixture.record) as Record<string, unknown>;
    let fired = 0;
    fc.assert(
      fc.property(mutated(base.requestParameters), mutated(base.responseElements), (request, response) => {
        const event = eventOf(rule, { ...base, requestParameters: request, responseElements: response });
        fired += expectSameFindings(rule, reference, event);
      }),
      { numRuns: RUNS },
    );
    expect(fired).toBeGreaterThan(0);
  });

  it.each(PAIRS.map(([rule, reference]) => [rule.id, rule, reference] as const))('%s: on the harmless records it sees most', (id, rule, reference) => {
    const records = harmless[id];
    if (!records) throw new Error(`no harmless records for ${id}`);
    fc.assert(
      fc.property(records, (record) => {
        expectSameFindings(rule, reference, eventOf(rule, cloudTrailRecord(record)));
      }),
      { numRuns: 200 },
    );
  });

  it('isCallerName is callerNames(…).has (1 000 runs)', () => {
    fc.assert(
      fc.property(identity, fc.constantFrom('deploy-bot', 'svc-reporting', '', 'gha-1234', 'y', 'b', 'root'), (userIdentity, name) => {
        const event = eventOf(credentialsForOtherUser, cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', userIdentity, requestParameters: { userName: name } }));
        expect(isCallerName(event, name)).toBe(callerNames(event).has(name));
      }),
      { numRuns: 1000 },
    );
  });
});
