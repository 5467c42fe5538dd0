/**
 * Shared pieces of the CloudTrail tampering rules: the event source, the
 * trail named by a request (`name` or `trailName`, a name or an ARN), and
 * the finding resource for a trail.
 */
import type { AuditEvent, Resource } from '../../types.js';
import { scalarText } from './scalars.js';
import { trailNameOf } from './trail-context.js';
import { urlPart } from './url-part.js';

/** `eventSource` of CloudTrail's own API. */
export const CLOUDTRAIL_SOURCE = 'cloudtrail.amazonaws.com';

/** The trail a CloudTrail API call names (`name`, `trailName`), as written. */
export function requestedTrail(event: AuditEvent): string | undefined {
  const value = scalarText(event.request.name) ?? scalarText(event.request.trailName);
  return value === undefined || value === '' ? undefined : value;
}

/** The finding resource for a trail name or ARN, with a console link. */
export function trailResource(nameOrArn: string, region: string | undefined): Resource {
  const name = trailNameOf(nameOrArn);
  const r = urlPart(region ?? 'us-east-1');
  return {
    type: 'cloudtrail-trail',
    id: nameOrArn,
    name,
    consoleUrl: `https://console.aws.amazon.com/cloudtrail/home?region=${r}#/trails/${urlPart(nameOrArn.startsWith('arn:') ? nameOrArn : name)}`,
  };
}
