import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-rds-snapshot-shared.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const db = (requestParameters: Record<string, unknown>) =>
  cloudTrailRecord({ eventSource: 'rds.amazonaws.com', eventName: 'ModifyDBSnapshotAttribute', requestParameters: { dBSnapshotIdentifier: 'orders-nightly', attributeName: 'restore', ...requestParameters } });
const cluster = (requestParameters: Record<string, unknown>) =>
  cloudTrailRecord({ eventSource: 'rds.amazonaws.com', eventName: 'ModifyDBClusterSnapshotAttribute', requestParameters: { dBClusterSnapshotIdentifier: 'aurora-weekly', attributeName: 'restore', ...requestParameters } });

describe('aws-rds-snapshot-shared', () => {
  it.each([
    { name: 'a DB snapshot made public', record: db({ valuesToAdd: ['all'] }), severity: 'critical', id: 'orders-nightly', cluster: false, values: ['all'] },
    { name: 'a DB snapshot shared with an outside account', record: db({ valuesToAdd: ['444455556666'] }), severity: 'high', id: 'orders-nightly', cluster: false, values: ['444455556666'] },
    { name: 'a cluster snapshot shared outside', record: cluster({ valuesToAdd: ['111122223333', '444455556666'] }), severity: 'high', id: 'aurora-weekly', cluster: true, values: ['444455556666'] },
  ])('fires on $name', ({ record, severity, id, cluster: isCluster, values }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-resource', severity, resource: { id }, remediation: { action: 'aws-rds-snapshot-unshare', target: { snapshot: id, cluster: isCluster, values } } });
  });

  it.each([
    { name: 'sharing with the own account', record: db({ valuesToAdd: ['111122223333'] }) },
    { name: 'removing a share', record: db({ valuesToRemove: ['all'] }) },
    { name: 'another attribute', record: db({ attributeName: 'other', valuesToAdd: ['all'] }) },
    { name: 'a denied share', record: failed(db({ valuesToAdd: ['all'] })) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
