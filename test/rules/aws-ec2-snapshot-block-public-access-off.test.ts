import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-ec2-snapshot-block-public-access-off.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const call = (eventName: string, requestParameters: unknown) =>
  cloudTrailRecord({ eventSource: 'ec2.amazonaws.com', eventName, requestParameters });

describe('aws-ec2-snapshot-block-public-access-off', () => {
  it.each([
    { name: 'DisableSnapshotBlockPublicAccess', record: call('DisableSnapshotBlockPublicAccess', { DisableSnapshotBlockPublicAccessRequest: '' }), summary: 'snapshot block public access disabled in eu-west-1' },
    { name: 'Enable with state unblocked', record: call('EnableSnapshotBlockPublicAccess', { EnableSnapshotBlockPublicAccessRequest: { State: 'unblocked' } }), summary: 'snapshot block public access set to unblocked in eu-west-1' },
  ])('fires on $name', ({ record, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-resource', severity: 'high', evidence: { summary }, resource: { id: '111122223333/eu-west-1' } });
  });

  it.each([
    { name: 'Enable with block-all-sharing', record: call('EnableSnapshotBlockPublicAccess', { EnableSnapshotBlockPublicAccessRequest: { State: 'block-all-sharing' } }) },
    { name: 'Enable with block-new-sharing', record: call('EnableSnapshotBlockPublicAccess', { state: 'block-new-sharing' }) },
    { name: 'a denied disable', record: failed(call('DisableSnapshotBlockPublicAccess', {})) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
