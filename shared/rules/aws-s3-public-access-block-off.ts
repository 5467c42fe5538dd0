/**
 * S3 Block Public Access switched off: deleted, or put with any of its four
 * settings false, for one bucket or for the whole account. A put without a
 * configuration in the log cannot be judged and does not fire.
 */
import { asRecord } from '../formats/common.js';
import type { AuditEvent, Finding, Rule } from '../types.js';
import { awsConsole } from './lib/console-urls.js';
import { S3_SOURCE, bucketName, bucketResource, header } from './lib/aws-s3.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = [
  'DeleteBucketPublicAccessBlock',
  'PutBucketPublicAccessBlock',
  'DeleteAccountPublicAccessBlock',
  'PutAccountPublicAccessBlock',
] as const;
const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** Settings turned off, or `undefined` when the log has no configuration. */
function settingsOff(request: Readonly<Record<string, unknown>>): string[] | undefined {
  const config = request.PublicAccessBlockConfiguration ?? request.publicAccessBlockConfiguration;
  if (config === undefined || config === null || typeof config !== 'object') return undefined;
  const c = asRecord(config);
  if (!SETTINGS.some((s) => s in c)) return undefined;
  return SETTINGS.filter((s) => c[s] === false || String(c[s]).toLowerCase() === 'false' || !(s in c));
}

export const rule: Rule = {
  id: 'aws-s3-public-access-block-off',
  cloud: 'aws',
  category: 'public-bucket',
  severity: 'high',
  title: 'S3 Block Public Access turned off',
  runbook:
    'Turn Block Public Access back on unless a reviewed exception needs it off; check the bucket ACLs and policies for public grants made meanwhile.',
  actions: ACTIONS,
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== S3_SOURCE) return [];
    const account = event.action.includes('Account');
    const off = event.action.startsWith('Delete') ? [...SETTINGS] : settingsOff(event.request);
    if (!off || off.length === 0) return [];
    const bucket = bucketName(event);
    const accountId = header(event.request, 'x-amz-account-id') ?? event.scope.account;
    const target = account ? accountId : bucket;
    if (!target) return [];
    const scope = account ? `account ${target}` : `bucket ${target}`;
    const what = event.action.startsWith('Delete') ? 'deleted' : `${off.join(', ')} off`;
    return [
      makeFinding(this, event, {
        severity: off.length === SETTINGS.length ? 'critical' : 'high',
        resource: account
          ? { type: 's3-account-public-access-block', id: target, consoleUrl: awsConsole.accountPublicAccessBlock() }
          : bucketResource(target),
        evidence: { summary: `Block Public Access ${what} for ${scope}`, details: { level: account ? 'account' : 'bucket', target, settingsOff: off } },
        remediation: {
          action: 'aws-s3-restore-public-access-block',
          target: { level: account ? 'account' : 'bucket', ...(account ? { accountId: target } : { bucket: target }), settings: off },
          summary: `turn ${off.join(', ')} back on for ${scope}`,
        },
      }),
    ];
  },
};
