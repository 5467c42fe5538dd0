/**
 * The cases every resource-policy "made public" rule shares (ECR, EFS, KMS,
 * Secrets Manager, SNS, SQS): the rule fires on a policy that allows `*`
 * without a limiting condition, rates a wildcard action critical, and stays
 * quiet on conditioned, service, own-account, Deny, unparseable and denied
 * calls. Each rule test passes its service's request shape and resource,
 * plus its own rule-specific firing cases.
 */
import { expect, it } from 'vitest';
import type { Rule } from '../../shared/types.js';
import { failed, type RawCloudTrail, toEvent } from './cloudtrail.js';
import { ownContext } from './rules.js';

/** One firing case; `noId` means the record names no resource, so no remediation is proposed. */
export interface FiringCase {
  name: string;
  record: RawCloudTrail;
  noId?: boolean;
}

/** What differs between the resource-policy rules. */
export interface ResourcePolicyRuleSpec {
  /** The rule under test. */
  rule: Rule;
  /** The action the public statement allows, e.g. `sqs:SendMessage`. */
  action: string;
  /** A successful policy-setting call of the service carrying `policy` (a document or any other value). */
  put: (policy: unknown) => RawCloudTrail;
  /** The remediation target the rule must propose besides `statements`, e.g. `{ id, queueUrl }`. */
  target: Record<string, string>;
  /** Rule-specific firing cases, checked with the same assertions as the shared ones. */
  firing: FiringCase[];
}

/** The statement that makes the resource public: Allow `*` the given action on any resource. */
export function openStatement(action: string) {
  return { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: action, Resource: '*' };
}

/** The own-account statement: Allow the account root everything. */
export const ownerStatement = {
  Sid: 'Owner',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: '*',
  Resource: '*',
};

/** A policy document with the given statements. */
export function policyDocument(...Statement: object[]) {
  return { Version: '2012-10-17', Statement };
}

/** Declares the shared cases (inside the caller's `describe`) for one resource-policy rule. */
export function resourcePolicyRuleCases({ rule, action, put, target, firing }: ResourcePolicyRuleSpec): void {
  const open = openStatement(action);
  const owner = ownerStatement;
  const doc = policyDocument;

  it.each<FiringCase>([
    { name: 'Principal * without a condition', record: put(doc(owner, open)) },
    { name: 'Principal {"AWS":"*"}', record: put(doc({ ...open, Principal: { AWS: '*' } })) },
    ...firing,
  ])('fires on $name', ({ record, noId }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-resource', severity: 'high' });
    expect(findings[0]?.evidence.summary).toContain(`Allow * ${action}`);
    expect(findings[0]?.evidence.details.statements).toEqual([expect.objectContaining({ Sid: 'Open' })]);
    if (noId) expect(findings[0]?.remediation).toBeNull();
    else expect(findings[0]?.remediation).toMatchObject({ target: { ...target, statements: [expect.objectContaining({ Sid: 'Open' })] } });
  });

  it('rates a wildcard action critical', () => {
    // Prepare
    const event = toEvent(put(doc({ ...open, Action: '*' })));

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings[0]?.severity).toBe('critical');
  });

  it.each([
    { name: 'Principal * pinned by aws:SourceAccount', record: put(doc({ ...open, Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } })) },
    { name: 'Principal * limited to the organization', record: put(doc({ ...open, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })) },
    { name: 'a service principal', record: put(doc({ ...open, Principal: { Service: 'events.amazonaws.com' } })) },
    { name: 'only the own account', record: put(doc(owner)) },
    { name: 'a Deny * statement', record: put(doc(owner, { ...open, Effect: 'Deny' })) },
    { name: 'an unparseable policy', record: put('not-a-policy') },
    { name: 'a denied call', record: failed(put(doc(open))) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
}
