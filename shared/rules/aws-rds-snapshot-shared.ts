/**
 * RDS `ModifyDBSnapshotAttribute` / `ModifyDBClusterSnapshotAttribute` that
 * adds `all` (public) or an account outside `ownAccounts` to the `restore`
 * attribute: that account can restore the database. `valuesToRemove` and own
 * accounts are quiet.
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { classifyShares, describeShares, isShared, shareValues } from './lib/aws-sharing.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = ['ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute'] as const;

export const rule: Rule = {
  id: 'aws-rds-snapshot-shared',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'RDS snapshot shared outside the account',
  runbook: 'Remove the account (or all) from the snapshot\'s restore attribute and check whether it was already copied.',
  actions: ACTIONS,
  remediations: ['aws-rds-snapshot-unshare'],
  match(event: AuditEvent, context: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'rds.amazonaws.com') return [];
    const cluster = event.action === 'ModifyDBClusterSnapshotAttribute';
    const snapshot = scalarText(cluster ? event.request.dBClusterSnapshotIdentifier : event.request.dBSnapshotIdentifier);
    if (!snapshot || (scalarText(event.request.attributeName) ?? '').toLowerCase() !== 'restore') return [];
    const added = Array.isArray(event.request.valuesToAdd) ? event.request.valuesToAdd.map(scalarText).filter((v): v is string => v !== undefined) : [];
    const shares = classifyShares(added, context.ownAccounts);
    if (!isShared(shares)) return [];
    const who = describeShares(shares);
    return [
      makeFinding(this, event, {
        severity: shares.everyone ? 'critical' : 'high',
        title: shares.everyone ? 'RDS snapshot made public' : this.title,
        resource: { type: cluster ? 'rds-cluster-snapshot' : 'rds-snapshot', id: snapshot },
        evidence: { summary: `${snapshot}: restore permission added for ${who}`, details: { snapshot, cluster, everyone: shares.everyone, accounts: [...shares.outsiders] } },
        remediation: {
          action: 'aws-rds-snapshot-unshare',
          target: { snapshot, cluster, ...(event.region ? { region: event.region } : {}), values: shareValues(shares) },
          summary: `remove ${who} from the restore attribute of ${snapshot}`,
        },
      }),
    ];
  },
};
