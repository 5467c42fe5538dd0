/**
 * CloudTrail `UpdateTrail` that narrows or diverts the trail: multi-region
 * logging off, global service events (IAM, STS) dropped, log file
 * validation off, encryption or CloudWatch Logs delivery removed, or the
 * trail pointed at another bucket or prefix than the one known for it
 * (trail context; with no context a destination in the request counts).
 * Updates that only widen coverage are quiet. `CreateTrail` is listed only
 * so the engine learns the trail (it never fires).
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { CLOUDTRAIL_SOURCE, requestedTrail, trailResource } from './lib/aws-cloudtrail.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = ['UpdateTrail', 'CreateTrail'] as const;

const isFalse = (v: unknown) => v === false || v === 'false';

/** Each way the request weakens the trail, as one line. */
function weakenings(event: AuditEvent, context: RuleContext | undefined, trail: string): string[] {
  const req = event.request;
  const known = context?.trails?.trail(trail);
  const out: string[] = [];
  if (isFalse(req.isMultiRegionTrail)) out.push('multi-region logging turned off');
  if (isFalse(req.includeGlobalServiceEvents)) out.push('global service events (IAM, STS) no longer logged');
  if (isFalse(req.enableLogFileValidation)) out.push('log file validation turned off');
  if (req.kmsKeyId === '') out.push('log encryption with KMS removed');
  if (req.cloudWatchLogsLogGroupArn === '') out.push('CloudWatch Logs delivery removed');
  const bucket = scalarText(req.s3BucketName);
  if (bucket && bucket !== known?.bucket) {
    out.push(`logs now delivered to bucket ${bucket}${known?.bucket ? ` (was ${known.bucket})` : ''}`);
  }
  const prefix = scalarText(req.s3KeyPrefix);
  if (prefix !== undefined && known && prefix !== (known.prefix ?? '') && bucket === undefined) {
    out.push(`log prefix changed to "${prefix}" (was "${known.prefix ?? ''}")`);
  }
  return out;
}

export const rule: Rule = {
  id: 'aws-cloudtrail-trail-weakened',
  cloud: 'aws',
  category: 'audit-tampering',
  severity: 'high',
  title: 'CloudTrail trail narrowed or redirected',
  runbook:
    'Compare the trail with your infrastructure code and restore its regions, global events, validation and destination; check who owns the new bucket if the destination changed.',
  actions: ACTIONS,
  remediations: [],
  match(event: AuditEvent, context?: RuleContext): Finding[] {
    if (!succeeded(event, ['UpdateTrail']) || event.service !== CLOUDTRAIL_SOURCE) return [];
    const trail = requestedTrail(event);
    if (!trail) return [];
    const found = weakenings(event, context, trail);
    if (found.length === 0) return [];
    const redirected = found.some((f) => f.startsWith('logs now delivered') || f.startsWith('log prefix'));
    return [
      makeFinding(this, event, {
        severity: redirected || found.length > 1 ? 'critical' : 'high',
        resource: trailResource(trail, event.region),
        evidence: { summary: `trail ${trail}: ${found.join('; ')}`, details: { trail, changes: found } },
        remediation: null,
      }),
    ];
  },
};
