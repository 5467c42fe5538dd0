// The rule as it was before the fast paths (verbatim but for import paths): the reference of test/fuzz/rules-fast-path.fuzz.test.ts.
/**
 * S3 Block Public Access switched off: deleted, or put with any of its four
 * settings false, for one bucket or for the whole account. A put without a
 * configuration in the log cannot be judged and does not fire; in a logged
 * configuration an omitted setting is off (the API stores it as false).
 */
import type { AuditEvent, Finding, Rule } from '../../../../shared/types.js';
import { isTrueFlag } from '../../../../shared/formats/common.js';
import { asRecord, isRecord } from '../../../../shared/lib/guards.js';
import { awsConsole } from '../../../../shared/rules/lib/console-urls.js';
import { S3_SOURCE, bucketName, bucketResource, header } from '../../../../shared/rules/lib/aws-s3.js';
import { S3_PUBLIC_ACCESS_BLOCK_EVENTS } from '../../../../shared/rules/lib/event-names.js';
import { makeFinding, succeeded } from '../../../../shared/rules/lib/finding.js';

const ACTIONS = S3_PUBLIC_ACCESS_BLOCK_EVENTS;
const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** Settings turned off, or `undefined` when the log has no configuration. */
function settingsOff(request: Readonly<Record<string, unknown>>): string[] | undefined {
  const raw = Object.entries(request).find(([k]) => k.toLowerCase() === 'publicaccessblockconfiguration')?.[1];
  if (!isRecord(raw)) return undefined;
  const config = new Map(Object.entries(asRecord(raw)).map(([k, v]) => [k.toLowerCase(), v]));
  if (!SETTINGS.some((s) => config.has(s.toLowerCase()))) return undefined;
  return SETTINGS.filter((s) => !isTrueFlag(config.get(s.toLowerCase())));
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
  remediations: ['aws-s3-restore-public-access-block'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== S3_SOURCE) return [];
    const deleted = event.action.startsWith('Delete');
    const off = deleted ? [...SETTINGS] : settingsOff(event.request);
    if (!off || off.length === 0) return [];
    const bucket = bucketName(event);
    const account = event.action.includes('Account') || (!event.action.includes('Bucket') && !bucket);
    const target = account ? header(event.request, 'x-amz-account-id') ?? event.scope.account : bucket;
    if (!target) return [];
    const level = account ? 'account' : 'bucket';
    const scope = `${level} ${target}`;
    const what = deleted ? 'deleted' : `${off.join(', ')} off`;
    return [
      makeFinding(this, event, {
        severity: off.length === SETTINGS.length ? 'critical' : 'high',
        resource: account
          ? { type: 's3-account-public-access-block', id: target, consoleUrl: awsConsole.accountPublicAccessBlock() }
          : bucketResource(target),
        evidence: { summary: `Block Public Access ${what} for ${scope}`, details: { level, target, settingsOff: off } },
        remediation: {
          action: 'aws-s3-restore-public-access-block',
          target: { level, ...(account ? { accountId: target } : { bucket: target }), settings: off },
          summary: `turn ${off.join(', ')} back on for ${scope}`,
        },
      }),
    ];
  },
};
