import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-rds-snapshot-unshare.js';
import { rule } from '../../shared/rules/aws-rds-snapshot-shared.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, queryError, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

function finding(cluster = false): { finding: Finding; plan: RemediationPlan } {
  const requestParameters = cluster
    ? { dBClusterSnapshotIdentifier: 'aurora-weekly', attributeName: 'restore', valuesToAdd: ['all'] }
    : { dBSnapshotIdentifier: 'orders-nightly', attributeName: 'restore', valuesToAdd: ['444455556666'] };
  const record = cloudTrailRecord({ eventSource: 'rds.amazonaws.com', eventName: cluster ? 'ModifyDBClusterSnapshotAttribute' : 'ModifyDBSnapshotAttribute', requestParameters });
  return findingFor(rule, record);
}
const attrs = (kind: 'DB' | 'DBCluster', ...values: string[]) =>
  queryOk(`<${kind}SnapshotAttributesResult><${kind}SnapshotAttributes><${kind}SnapshotAttribute><AttributeName>restore</AttributeName><AttributeValues>${values.map((v) => `<AttributeValue>${v}</AttributeValue>`).join('')}</AttributeValues></${kind}SnapshotAttribute></${kind}SnapshotAttributes></${kind}SnapshotAttributesResult>`);

describe('aws-rds-snapshot-unshare', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('removes the outside account from a DB snapshot and keeps the others', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeDBSnapshotAttributes', attrs('DB', '444455556666', '777788889999'));
    aws.on('ModifyDBSnapshotAttribute', queryOk());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.action])).toEqual([['rds', 'DescribeDBSnapshotAttributes'], ['rds', 'ModifyDBSnapshotAttribute']]);
    expect(aws.calls[1]?.params).toEqual({ DBSnapshotIdentifier: 'orders-nightly', AttributeName: 'restore', 'ValuesToRemove.AttributeValue.1': '444455556666' });
    expect(result).toMatchObject({ status: 'done', reason: 'removed 444455556666 from the restore attribute of orders-nightly' });
  });

  it('removes all from a cluster snapshot', async () => {
    // Prepare
    const { finding: f, plan } = finding(true);
    aws.on('DescribeDBClusterSnapshotAttributes', attrs('DBCluster', 'all'));
    aws.on('ModifyDBClusterSnapshotAttribute', queryOk());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls[1]?.params).toEqual({ DBClusterSnapshotIdentifier: 'aurora-weekly', AttributeName: 'restore', 'ValuesToRemove.AttributeValue.1': 'all' });
    expect(result.status).toBe('done');
  });

  it.each([
    { name: 'the share is gone', answer: attrs('DB', '777788889999'), reason: 'orders-nightly is no longer shared with 444455556666' },
    { name: 'the evidence is gone and a public restore value is present (untouched: another finding)', answer: attrs('DB', 'all', '777788889999'), reason: 'orders-nightly is no longer shared with 444455556666' },
    { name: 'the snapshot is gone', answer: queryError(404, 'DBSnapshotNotFound', 'not found'), reason: 'snapshot orders-nightly no longer exists (DBSnapshotNotFound)' },
  ])('is already fixed when $name', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeDBSnapshotAttributes', answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls).toHaveLength(1);
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it('fails with the AWS error when the change is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('DescribeDBSnapshotAttributes', attrs('DB', '444455556666'));
    aws.on('ModifyDBSnapshotAttribute', queryError(403, 'AccessDenied', 'no'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toMatchObject({ status: 'failed', reason: 'removing the shares of orders-nightly: AccessDenied: no' });
  });
});
