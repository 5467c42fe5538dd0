/**
 * Containment for a new default version of a managed policy that grants
 * admin-class power. The log does not hold the previous document, so the
 * action lists the versions (`ListPolicyVersions`) and, while the finding's
 * version is still the default, makes the newest version created before it
 * the default again (`SetDefaultPolicyVersion`). The offending version is
 * kept (not deleted) for review. Without an earlier version there is
 * nothing safe to restore, and the action fails asking for a person.
 */
import type { PolicyVersion } from '@aws-sdk/client-iam';
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, targetText } from './lib/aws-common.js';
import * as t from './lib/targets.js';

const GONE = ['NoSuchEntity'];

/** Creation order: by date, then by the number in `vN` (dates can tie to the second). */
function created(v: PolicyVersion): [number, number] {
  return [v.CreateDate?.getTime() ?? 0, Number(/^v(\d+)$/.exec(v.VersionId ?? '')?.[1] ?? 0)];
}
const before = (a: PolicyVersion, b: PolicyVersion) => {
  const [ad, an] = created(a);
  const [bd, bn] = created(b);
  return ad < bd || (ad === bd && an < bn);
};

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const PolicyArn = targetText(plan, 'policyArn');
  const versionId = targetText(plan, 'versionId');
  if (!PolicyArn) return outcome.failed('the plan names no policy');
  if (!versionId) return outcome.failed(`the log does not show the new version id of ${PolicyArn}; restore the previous version by hand`);
  const gone = `policy ${PolicyArn} no longer exists`;
  const sdk = await import('@aws-sdk/client-iam');
  const iam = await context.aws.iam();

  let versions: PolicyVersion[];
  try {
    versions = (await iam.send(new sdk.ListPolicyVersionsCommand({ PolicyArn }))).Versions ?? [];
  } catch (error) {
    return fromError(error, `listing the versions of ${PolicyArn}`, GONE, gone);
  }
  const target = versions.find((v) => v.VersionId === versionId);
  if (!target?.IsDefaultVersion) return outcome.alreadyFixed(`${versionId} is no longer the default version of ${PolicyArn}`);
  const previous = versions.filter((v) => v.VersionId !== versionId && before(v, target)).sort((a, b) => (before(a, b) ? 1 : -1))[0];
  if (!previous?.VersionId) return outcome.failed(`no earlier version of ${PolicyArn} to restore; detach the policy by hand`);

  try {
    await iam.send(new sdk.SetDefaultPolicyVersionCommand({ PolicyArn, VersionId: previous.VersionId }));
  } catch (error) {
    return fromError(error, `making ${previous.VersionId} the default version of ${PolicyArn}`, GONE, gone);
  }
  return outcome.done(`made ${previous.VersionId} the default version of ${PolicyArn} again (${versionId} kept for review, not deleted)`, [
    { policyArn: PolicyArn, defaultVersionBefore: versionId, defaultVersionAfter: previous.VersionId },
  ]);
}

/** `aws-iam-deny-policy-version`: containment by restoring the previous default version of a managed policy. */
export const action: RemediationAction = {
  id: 'aws-iam-deny-policy-version',
  cloud: 'aws',
  permissions: ['iam:ListPolicyVersions', 'iam:SetDefaultPolicyVersion'],
  resources: ['arn:{partition}:iam::{account}:policy/*'],
  target: t.target({ policyArn: t.ownPolicyArn, versionId: t.iamPolicyVersionId.nullable().optional() }),
  description:
    'Containment: while the admin-granting version is still the default, makes the newest earlier version of the managed policy the default again; the new version is kept for review.',
  apply: guarded('aws-iam-deny-policy-version', apply),
};
