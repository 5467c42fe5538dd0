/**
 * EBS snapshot block public access switched off for a region:
 * `DisableSnapshotBlockPublicAccess`, or `EnableSnapshotBlockPublicAccess`
 * with state `unblocked`. `block-all-sharing` and `block-new-sharing` are quiet.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = ['DisableSnapshotBlockPublicAccess', 'EnableSnapshotBlockPublicAccess'] as const;

export const rule: Rule = {
  id: 'aws-ec2-snapshot-block-public-access-off',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'EBS snapshot block public access turned off',
  runbook: 'Turn snapshot block public access back on (block-all-sharing) in the region unless public snapshots are intended.',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'ec2.amazonaws.com') return [];
    const state = scalarText(event.request.state) ?? scalarText(asState(event.request));
    if (event.action === 'EnableSnapshotBlockPublicAccess' && state?.toLowerCase() !== 'unblocked') return [];
    const region = event.region ?? 'unknown-region';
    const account = event.scope.account ?? 'unknown-account';
    return [
      makeFinding(this, event, {
        resource: { type: 'ebs-snapshot-block-public-access', id: `${account}/${region}` },
        evidence: { summary: `snapshot block public access ${event.action.startsWith('Disable') ? 'disabled' : 'set to unblocked'} in ${region}`, details: { region, state: state ?? 'unblocked' } },
      }),
    ];
  },
};

/** `EnableSnapshotBlockPublicAccessRequest.State` as some SDKs log it. */
function asState(request: Readonly<Record<string, unknown>>): unknown {
  const inner = request.EnableSnapshotBlockPublicAccessRequest;
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>).State : request.State;
}
