/**
 * A realistic audit-log bucket for incident-review tests: an organization
 * trail (two accounts, two regions, four days), its digest files, and a
 * Yandex Audit Trails prefix, with the findings each object holds.
 */
import { gzipSync } from 'node:zlib';
import type { RawCloudTrail } from './cloudtrail.js';
import { assumedRole, cloudTrailRecord } from './cloudtrail.js';
import { yandexEvent } from './yandex.js';

export const ORG = 'o-exampleorg1';
export const ACCOUNTS = ['111122223333', '444455556666'] as const;
export const BUCKET = 'org-trail';

/** A CloudTrail key in the organization layout. */
export function trailKey(account: string, region: string, day: string, name = 'a1B2'): string {
  const compact = day.replace(/\//g, '');
  return `AWSLogs/${ORG}/${account}/CloudTrail/${region}/${day}/${account}_CloudTrail_${region}_${compact}T1205Z_${name}.json.gz`;
}

function openPort(account: string, region: string, time: string, port: number, actor?: RawCloudTrail): RawCloudTrail {
  return cloudTrailRecord({
    eventTime: time,
    awsRegion: region,
    recipientAccountId: account,
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    ...(actor ? { userIdentity: actor } : {}),
    requestParameters: {
      groupId: `sg-0${account.slice(0, 4)}${port}abcdef`,
      ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] },
    },
    responseElements: { _return: true },
  });
}

/** One object of the tree: key, body, and the eventIDs of the findings in it. */
export interface TreeObject {
  readonly key: string;
  readonly body: Uint8Array | string;
  readonly findings: readonly string[];
}

/** Build the tree (fresh event ids each call). */
export function bucketTree(): TreeObject[] {
  const out: TreeObject[] = [];
  const bob = assumedRole('OpsAdmin', 'bob@example.com', '444455556666');
  const add = (key: string, records: RawCloudTrail[], findings: RawCloudTrail[]) =>
    out.push({ key, body: gzipSync(JSON.stringify({ Records: records })), findings: findings.map((r) => String(r.eventID)) });
  for (const account of ACCOUNTS) {
    for (const region of ['eu-west-1', 'us-east-1']) {
      for (const day of ['2026/09/30', '2026/10/01', '2026/10/02', '2026/10/03']) {
        const date = day.replace(/\//g, '-');
        const morning = openPort(account, region, `${date}T01:00:00Z`, 22, account === ACCOUNTS[1] ? bob : undefined);
        const afternoon = openPort(account, region, `${date}T13:00:00Z`, 3389);
        const noise = cloudTrailRecord({ eventTime: `${date}T02:00:00Z`, awsRegion: region, recipientAccountId: account, ...(account === ACCOUNTS[1] ? { userIdentity: bob } : {}) });
        add(trailKey(account, region, day), [morning, noise, afternoon], [morning, afternoon]);
      }
    }
    out.push({
      key: `AWSLogs/${ORG}/${account}/CloudTrail-Digest/eu-west-1/2026/10/01/${account}_CloudTrail-Digest_eu-west-1_trail_eu-west-1_20261001T120000Z.json.gz`,
      body: gzipSync('{"awsAccountId":"x","digestStartTime":"2026-10-01T11:00:00Z"}'),
      findings: [],
    });
  }
  for (const day of ['2026/09/30', '2026/10/01']) {
    const date = day.replace(/\//g, '-');
    const event = yandexEvent('storage', 'BucketUpdate', { bucket_id: `acme-${date}`, objects_access: 'true', list_access: 'false', settings_read_access: 'false' }, { event_time: `${date}T12:00:00.123456Z` });
    out.push({ key: `audit/cnpexample0trail001/${day}/120500123.json`, body: JSON.stringify([event]), findings: [String(event.event_id)] });
  }
  return out;
}
