/**
 * AMI `ModifyImageAttribute` that adds a launch permission for group `all`
 * (public) or an account outside `ownAccounts`. Organization / OU shares,
 * own accounts, other attributes and removals are quiet.
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { addedPermissionTargets, classifyShares, describeShares, isShared, shareValues } from './lib/aws-sharing.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';
import { urlPart } from './lib/url-part.js';

const ACTIONS = ['ModifyImageAttribute'] as const;

export const rule: Rule = {
  id: 'aws-ec2-ami-shared',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'AMI shared outside the account',
  runbook: 'Remove the launch permission unless the image is meant to be shared; images often hold secrets baked in at build time.',
  actions: ACTIONS,
  remediations: ['aws-ec2-ami-unshare'],
  match(event: AuditEvent, context: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'ec2.amazonaws.com') return [];
    const image = scalarText(event.request.imageId);
    const type = (scalarText(event.request.attributeType) ?? scalarText(event.request.attribute) ?? '').toLowerCase();
    if (!image || (type !== '' && type !== 'launchpermission')) return [];
    const shares = classifyShares(addedPermissionTargets(event.request.launchPermission), context.ownAccounts);
    if (!isShared(shares)) return [];
    const who = describeShares(shares);
    return [
      makeFinding(this, event, {
        severity: shares.everyone ? 'critical' : 'high',
        title: shares.everyone ? 'AMI made public' : this.title,
        resource: { type: 'ec2-image', id: image, consoleUrl: `https://console.aws.amazon.com/ec2/home?region=${urlPart(event.region ?? 'us-east-1')}#ImageDetails:imageId=${urlPart(image)}` },
        evidence: { summary: `${image}: launch permission added for ${who}`, details: { imageId: image, everyone: shares.everyone, accounts: [...shares.outsiders] } },
        remediation: {
          action: 'aws-ec2-ami-unshare',
          target: { imageId: image, ...(event.region ? { region: event.region } : {}), values: shareValues(shares) },
          summary: `remove the launch permission of ${who} from ${image}`,
        },
      }),
    ];
  },
};
