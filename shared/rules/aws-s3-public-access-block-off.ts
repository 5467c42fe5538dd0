/**
 * S3 Block Public Access switched off: deleted, or put with any of its four
 * settings false, for one bucket or for the whole account. A put without a
 * configuration in the log cannot be judged and does not fire; in a logged
 * configuration an omitted setting is off (the API stores it as false).
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { isTrueFlag } from '../formats/common.js';
import { isRecord } from '../lib/guards.js';
import { awsConsole } from './lib/console-urls.js';
import { S3_SOURCE, bucketName, bucketResource, header } from './lib/aws-s3.js';
import { S3_PUBLIC_ACCESS_BLOCK_EVENTS } from './lib/event-names.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = S3_PUBLIC_ACCESS_BLOCK_EVENTS;
const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

const SETTING_KEYS = SETTINGS.map((s) => s.toLowerCase());

/** Settings turned off, or `undefined` when the log has no configuration. */
function settingsOff(request: Readonly<Record<string, unknown>>): string[] | undefined {
  // Keys compare without regard to case: the first matching configuration key,
  // and within it the last key per setting (as building a lower-cased map would).
  let raw: unknown;
  for (const key of Object.keys(request)) {
    if (key.toLowerCase() === 'publicaccessblockconfiguration') {
      raw = request[key];
      break;
    }
  }
  if (!isRecord(raw)) return undefined;
  const found: boolean[] = [false, false, false, false];
  const values: unknown[] = [undefined, undefined, undefined, undefined];
  for (const key of Object.keys(raw)) {
    const i = SETTING_KEYS.indexOf(key.toLowerCase());
    if (i < 0) continue;
    found[i] = true;
    values[i] = raw[key];
  }
  if (!found.includes(true)) return undefined;
  return SETTINGS.filter((_, i) => !isTrueFlag(values[i]));
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
