import { describe, expect, it } from 'vitest';
import { refsFromSqsEvent } from '../../shared/triggers/aws-sqs.js';
import { backfillBody, encodeS3Key } from '../../shared/triggers/backfill-tag.js';
import { sqsBatch } from '../helpers/triggers.js';

describe('backfill messages', () => {
  it('round-trip through the SQS trigger: same ref (odd key), tag kept', () => {
    // Prepare
    const key = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/a b+c%d.json.gz';
    const body = backfillBody({ bucket: 'trail', key, size: 10 }, { id: 'bf-1', notify: 'digest', seq: 3, total: 9 });

    // Act
    const [message] = refsFromSqsEvent(sqsBatch([body]));

    // Assess
    expect(message?.refs).toEqual([{ bucket: 'trail', key, size: 10 }]);
    expect(message?.backfill).toEqual({ id: 'bf-1', notify: 'digest', seq: 3, total: 9 });
  });

  it('leaves live notifications untagged and ignores a malformed tag', () => {
    const live = JSON.stringify({ Records: [], auditResponderBackfill: { id: 'x', notify: 'loud', seq: 0, total: 1 } });
    expect(refsFromSqsEvent(sqsBatch([live]))[0]?.backfill).toBeUndefined();
  });

  it('encodes keys as S3 notifications do', () => {
    expect(encodeS3Key('a b/c+d')).toBe('a+b/c%2Bd');
  });
});
