import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-ec2-snapshot-shared.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const modify = (createVolumePermission: unknown, attributeType = 'CREATE_VOLUME_PERMISSION') =>
  cloudTrailRecord({ eventSource: 'ec2.amazonaws.com', eventName: 'ModifySnapshotAttribute', requestParameters: { snapshotId: 'snap-0a1b2c3d4e5f60718', attributeType, createVolumePermission }, responseElements: { _return: true } });
const add = (...items: object[]) => ({ add: { items } });

describe('aws-ec2-snapshot-shared', () => {
  it.each([
    { name: 'group all', record: modify(add({ group: 'all' })), severity: 'critical', summary: 'snap-0a1b2c3d4e5f60718: create-volume permission added for everyone (group all)', values: ['all'] },
    { name: 'an outside account', record: modify(add({ userId: '444455556666' })), severity: 'high', summary: 'snap-0a1b2c3d4e5f60718: create-volume permission added for account 444455556666', values: ['444455556666'] },
    { name: 'an own and an outside account', record: modify(add({ userId: '111122223333' }, { userId: '444455556666' })), severity: 'high', summary: 'snap-0a1b2c3d4e5f60718: create-volume permission added for account 444455556666', values: ['444455556666'] },
  ])('fires on $name', ({ record, severity, summary, values }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-resource', severity, evidence: { summary }, remediation: { action: 'aws-ec2-snapshot-unshare', target: { snapshotId: 'snap-0a1b2c3d4e5f60718', region: 'eu-west-1', values } } });
  });

  it.each([
    { name: 'sharing with the record\'s own account', record: modify(add({ userId: '111122223333' })) },
    { name: 'removing group all', record: modify({ remove: { items: [{ group: 'all' }] } }) },
    { name: 'a group other than all', record: modify(add({ group: 'none' })) },
    { name: 'a malformed user id', record: modify(add({ userId: 'bob' })) },
    { name: 'another attribute', record: modify(add({ group: 'all' }), 'PRODUCT_CODES') },
    { name: 'a failed share', record: failed(modify(add({ group: 'all' })), 'ValidationError') },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
