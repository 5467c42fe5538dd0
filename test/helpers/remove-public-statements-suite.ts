/**
 * The shared suite of the remove-public-statements actions whose service
 * speaks the AWS JSON protocol (ECR, KMS, Secrets Manager, SQS: `POST /` with
 * an `X-Amz-Target`): read the current policy, write it back without the
 * finding's public statements, delete it when all are public, leave it when
 * it is already fixed, fail on a denied write. Each test passes its
 * service's recorder answers and expected request bodies. The suite starts
 * the fake AWS endpoint before each case and stops it after.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RemediationAction } from '../../shared/remediation/action.js';
import { type AwsAnswer, type FakeAws, startFakeAws } from './aws-endpoint.js';
import { awsJson, awsJsonError, byTarget, operationOf } from './aws-json.js';
import type { PlannedFinding } from './findings.js';

/** The public statement the finding is about. */
export const openStatement = { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
/** The own-account statement that must be kept. */
export const ownerStatement = { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: '*', Resource: '*' };
/** A `*` statement limited to the organization: not public. */
export const orgOnlyStatement = { ...openStatement, Sid: 'Org', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };

/** A policy document with the given statements. */
export function policyDocument(...Statement: object[]) {
  return { Version: '2012-10-17', Statement };
}

/** What differs between the JSON-protocol remove-public-statements actions. */
export interface RemovePublicStatementsSpec {
  /** The action under test. */
  action: RemediationAction;
  /** The finding (made by the rule from a record setting `doc(owner, open)`) and its plan. */
  finding: () => PlannedFinding;
  /** The service name in the signed call, e.g. `sqs`. */
  service: string;
  /** The resource the reasons name. */
  id: string;
  /** The read and write operations, e.g. `GetQueueAttributes` / `SetQueueAttributes`. */
  read: string;
  write: string;
  /** The read operation's answer carrying `policy`. */
  current: (policy: object) => AwsAnswer;
  /** The expected body of the write carrying `policy`. */
  writeBody: (policy: object) => unknown;
  /** The action of another public statement, not this finding's evidence. */
  otherAction: string;
  /** The service's "gone" error: its `__type` and message. */
  gone: { type: string; message: string };
  /**
   * How the policy is deleted when every statement is public: the operation and its expected body.
   * Absent when the service cannot delete a policy (the test declares its own case).
   */
  deletion?: { operation: string; body: unknown };
}

/**
 * Declares the shared cases (inside the caller's `describe`) for one action;
 * returns the current case's fake endpoint for the caller's own cases.
 */
export function removePublicStatementsSuite(spec: RemovePublicStatementsSpec): () => FakeAws {
  let fake: FakeAws;
  beforeEach(async () => {
    fake = await startFakeAws();
  });
  afterEach(() => fake.stop());

  const { action, finding, service, id, read, write, current, writeBody, gone, deletion } = spec;
  const open = openStatement;
  const owner = ownerStatement;
  const doc = policyDocument;
  // Another public statement, not this finding's evidence (another Sid): never removed by this finding.
  const other = { ...open, Sid: 'OtherFinding', Action: spec.otherAction };
  const untouched = `the public statements of this finding are no longer in the policy of ${id}; 1 other public statement(s) left untouched (not this finding's evidence)`;

  it('removes the public statements of the current policy and writes back the rest', async () => {
    // Prepare
    const aws = fake;
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ [read]: current(doc(owner, open)), [write]: awsJson({}) }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.region, operationOf(c)])).toEqual([
      [service, 'eu-west-1', read],
      [service, 'eu-west-1', write],
    ]);
    expect(JSON.parse(aws.calls[1]?.body ?? '')).toEqual(writeBody(doc(owner)));
    expect(result).toEqual({
      status: 'done',
      reason: `removed 1 public statement(s) from the policy of ${id}, kept 1`,
      changes: [{ resource: id, removedStatements: [open], keptStatements: [owner], policyDeleted: false }],
    });
  });

  if (deletion) {
    it('deletes the policy when every statement is public', async () => {
      // Prepare
      const aws = fake;
      const { finding: f, plan } = finding();
      aws.on('POST /', byTarget({ [read]: current(doc(open)), [deletion.operation]: awsJson({}) }));

      // Act
      const result = await action.apply(plan, f, aws.context());

      // Assess
      expect(aws.calls.map(operationOf)).toEqual([read, deletion.operation]);
      expect(JSON.parse(aws.calls[1]?.body ?? '')).toEqual(deletion.body);
      expect(result).toMatchObject({ status: 'done', reason: `deleted the policy of ${id}: all 1 statement(s) were public`, changes: [{ policyDeleted: true }] });
    });
  }

  it.each([
    { name: 'only restricted statements remain', answer: current(doc(owner, orgOnlyStatement)), reason: `the policy of ${id} no longer has public statements` },
    { name: 'the evidence is gone and another public statement is present (untouched)', answer: current(doc(owner, other)), reason: untouched },
    { name: 'the resource or its policy is gone', answer: awsJsonError(gone.type, gone.message), reason: `${id} has no public policy any more (${gone.type})` },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const aws = fake;
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ [read]: answer }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map(operationOf)).toEqual([read]);
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it('fails with the AWS error when writing is denied', async () => {
    // Prepare
    const aws = fake;
    const { finding: f, plan } = finding();
    aws.on('POST /', byTarget({ [read]: current(doc(owner, open)), [write]: awsJsonError('AccessDeniedException', 'denied') }));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result.status).toBe('failed');
    expect(result.reason).toContain(`writing the policy of ${id}: AccessDeniedException`);
  });

  return () => fake;
}
