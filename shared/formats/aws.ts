/**
 * The AWS CloudTrail format descriptor: `{"Records":[…]}` delivery files
 * (or bare arrays and JSON Lines of records), action `eventName`, service
 * `eventSource`; digest files are skipped.
 */
import { cloudTrailEnvelopeProblem, parseCloudTrailRecord } from './aws-cloudtrail.js';
import type { CloudFormat } from './cloud-format.js';

const DIGEST = 'CloudTrail digest file (integrity hashes, not events)';

/** AWS CloudTrail. */
export const aws: CloudFormat = {
  cloud: 'aws',
  actionField: 'eventName',
  serviceField: 'eventSource',
  actionInText: /"eventName"\s*:\s*"([^"\\]*)"/g,
  actionKey: { name: Buffer.from('"eventName"'), envelope: [Buffer.from('"eventID"'), Buffer.from('"eventSource"')] },
  watched: { action: Buffer.from('eventName'), envelope: [Buffer.from('eventID'), Buffer.from('eventSource')], service: Buffer.from('eventSource') },
  envelopeKeys: ['"eventID"', '"eventSource"'],
  envelopeProblem: cloudTrailEnvelopeProblem,
  parse: parseCloudTrailRecord,
  recognises: (record) => 'eventName' in record && !('event_type' in record),
  probe: (bytes) => {
    const text = bytes.toString('utf8');
    return /"eventName"\s*:/.test(text) && !/"event_type"\s*:/.test(text);
  },
  recordsKey: 'Records',
  documentRecords: (document) => (Array.isArray(document.Records) ? document.Records : undefined),
  singleEvent: (document) => 'eventName' in document && 'eventID' in document && !('event_type' in document) && !('event_id' in document),
  skipKey: (key) => {
    if (/(^|\/)CloudTrail-Digest\//.test(key) || /_CloudTrail-Digest_/.test(key)) return DIGEST;
    if (/ConfigWritabilityCheckFile$/.test(key)) return 'AWS Config writability check file';
    return undefined;
  },
  skipDocument: (document) => ('digestPublicKeyFingerprint' in document || 'digestStartTime' in document ? DIGEST : undefined),
  where: (event) => ['AWS account', event.scope.account ?? '?', event.region ? `· ${event.region}` : ''].join(' ').trim(),
};
