import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-efs-remove-public-statements.js';
import { rule } from '../../shared/rules/aws-efs-policy-public.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, empty, jsonOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { awsJsonError } from '../helpers/aws-json.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const FS = 'fs-0123456789abcdef0';
const PATH = `/2015-02-01/file-systems/${FS}/policy`;
const open = { Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'elasticfilesystem:ClientMount', Resource: '*' };
const owner = { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'elasticfilesystem:*', Resource: '*' };
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
// Another public statement, not this finding's evidence (another Sid): never removed by this finding.
const other = { ...open, Sid: 'OtherFinding', Action: 'elasticfilesystem:ClientWrite' };
const untouched = (id: string) => `the public statements of this finding are no longer in the policy of ${id}; 1 other public statement(s) left untouched (not this finding's evidence)`;
const current = (p: object) => jsonOk({ FileSystemId: FS, Policy: JSON.stringify(p) });

function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({ eventSource: 'elasticfilesystem.amazonaws.com', eventName: 'PutFileSystemPolicy', requestParameters: { fileSystemId: FS, policy: JSON.stringify(doc(owner, open)) } });
  return findingFor(rule, record);
}

describe('aws-efs-remove-public-statements', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('writes back the policy without its public statements', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${PATH}`, current(doc(owner, open)));
    aws.on(`PUT ${PATH}`, current(doc(owner)));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.method, c.path])).toEqual([['elasticfilesystem', 'GET', PATH], ['elasticfilesystem', 'PUT', PATH]]);
    expect(JSON.parse(aws.calls[1]?.body ?? '')).toEqual({ Policy: JSON.stringify(doc(owner)) });
    expect(result).toMatchObject({ status: 'done', reason: `removed 1 public statement(s) from the policy of ${FS}, kept 1` });
  });

  it('deletes the policy when every statement is public', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${PATH}`, current(doc(open)));
    aws.on(`DELETE ${PATH}`, empty(200));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => c.method)).toEqual(['GET', 'DELETE']);
    expect(result).toMatchObject({ status: 'done', changes: [{ policyDeleted: true }] });
  });

  it.each([
    { name: 'no public statement remains', answer: current(doc(owner)), reason: `the policy of ${FS} no longer has public statements` },
    { name: 'the evidence is gone and another public statement is present (untouched)', answer: current(doc(owner, other)), reason: untouched(FS) },
    { name: 'the policy is gone', answer: awsJsonError('PolicyNotFound', 'No policy', 404), reason: `${FS} has no public policy any more (PolicyNotFound)` },
  ])('is already fixed when $name', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${PATH}`, answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls).toHaveLength(1);
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it('fails with the AWS error when writing is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on(`GET ${PATH}`, current(doc(owner, open)));
    aws.on(`PUT ${PATH}`, awsJsonError('AccessDeniedException', 'denied', 403));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result.status).toBe('failed');
    expect(result.reason).toContain(`writing the policy of ${FS}: AccessDeniedException`);
  });
});
