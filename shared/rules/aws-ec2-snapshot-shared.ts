/**
 * EBS snapshot `ModifySnapshotAttribute` that adds a create-volume
 * permission for group `all` (public) or for an account outside
 * `ownAccounts`: anyone who can create a volume from it reads the disk.
 * Sharing with our own accounts and removals are quiet.
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { addedPermissionTargets, classifyShares, describeShares, isShared, shareValues } from './lib/aws-sharing.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';
import { urlPart } from './lib/url-part.js';

const ACTIONS = ['ModifySnapshotAttribute'] as const;

export const rule: Rule = {
  id: 'aws-ec2-snapshot-shared',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'EBS snapshot shared outside the account',
  runbook:
    'Remove the create-volume permission unless the share is intended; check whether the outside account already copied the snapshot.',
  actions: ACTIONS,
  remediations: ['aws-ec2-snapshot-unshare'],
  match(event: AuditEvent, context: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'ec2.amazonaws.com') return [];
    const snapshot = scalarText(event.request.snapshotId);
    const type = (scalarText(event.request.attributeType) ?? '').toLowerCase().replace(/_/g, '');
    if (!snapshot || (type !== '' && type !== 'createvolumepermission')) return [];
    const shares = classifyShares(addedPermissionTargets(event.request.createVolumePermission), context.ownAccounts);
    if (!isShared(shares)) return [];
    const who = describeShares(shares);
    return [
      makeFinding(this, event, {
        severity: shares.everyone ? 'critical' : 'high',
        title: shares.everyone ? 'EBS snapshot made public' : this.title,
        resource: { type: 'ebs-snapshot', id: snapshot, consoleUrl: `https://console.aws.amazon.com/ec2/home?region=${urlPart(event.region ?? 'us-east-1')}#SnapshotDetails:snapshotId=${urlPart(snapshot)}` },
        evidence: { summary: `${snapshot}: create-volume permission added for ${who}`, details: { snapshotId: snapshot, everyone: shares.everyone, accounts: [...shares.outsiders] } },
        remediation: {
          action: 'aws-ec2-snapshot-unshare',
          target: { snapshotId: snapshot, ...(event.region ? { region: event.region } : {}), values: shareValues(shares) },
          summary: `remove the create-volume permission of ${who} from ${snapshot}`,
        },
      }),
    ];
  },
};
