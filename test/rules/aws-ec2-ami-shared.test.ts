import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/aws-ec2-ami-shared.js';
import { cloudTrailRecord, failed, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';

const modify = (launchPermission: unknown, attributeType = 'launchPermission') =>
  cloudTrailRecord({ eventSource: 'ec2.amazonaws.com', eventName: 'ModifyImageAttribute', requestParameters: { imageId: 'ami-0abc1234def567890', attributeType, launchPermission }, responseElements: { _return: true } });
const add = (...items: object[]) => ({ add: { items } });

describe('aws-ec2-ami-shared', () => {
  it.each([
    { name: 'group all', record: modify(add({ group: 'all' })), severity: 'critical', summary: 'ami-0abc1234def567890: launch permission added for everyone (group all)' },
    { name: 'an outside account', record: modify(add({ userId: '444455556666' })), severity: 'high', summary: 'ami-0abc1234def567890: launch permission added for account 444455556666' },
  ])('fires on $name', ({ record, severity, summary }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-resource', severity, evidence: { summary }, remediation: { action: 'aws-ec2-ami-unshare', target: { imageId: 'ami-0abc1234def567890' } } });
  });

  it.each([
    { name: 'sharing with the own account', record: modify(add({ userId: '111122223333' })) },
    { name: 'sharing with the organization', record: modify(add({ organizationArn: 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5' })) },
    { name: 'a group other than all', record: modify(add({ group: 'not-all' })) },
    { name: 'another attribute', record: modify(add({ group: 'all' }), 'description') },
    { name: 'a denied share', record: failed(modify(add({ group: 'all' })), 'UnauthorizedOperation') },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
