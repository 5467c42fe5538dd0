import { describe, expect, it } from 'vitest';
import { TriggerError } from '../../shared/errors.js';
import { refsFromS3Event } from '../../shared/triggers/aws-s3.js';
import { refsFromSqsEvent } from '../../shared/triggers/aws-sqs.js';
import { refsFromYandexTrigger } from '../../shared/triggers/yandex-storage.js';
import { s3Notification, sqsBatch, yandexTrigger } from '../helpers/triggers.js';

describe('refsFromS3Event', () => {
  it('decodes URL-encoded keys where + means a space', () => {
    // Prepare
    const event = s3Notification('trail-bucket', ['AWSLogs/1/CloudTrail/eu-west-1/my+file%2B1%C3%A9.json.gz']);

    // Act
    const refs = refsFromS3Event(event);

    // Assess
    expect(refs).toEqual([{ bucket: 'trail-bucket', key: 'AWSLogs/1/CloudTrail/eu-west-1/my file+1é.json.gz', size: 1024 }]);
  });

  it('ignores non-create events and the S3 test event', () => {
    const removed = s3Notification('b', ['k'], 'ObjectRemoved:Delete');
    expect(refsFromS3Event(removed)).toEqual([]);
    expect(refsFromS3Event({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'b' })).toEqual([]);
  });

  it('rejects another event shape with a clear error', () => {
    expect(() => refsFromS3Event({ Records: [{ eventSource: 'aws:sns' }] })).toThrow(TriggerError);
    expect(() => refsFromS3Event({ Records: [{ eventSource: 'aws:sns' }] })).toThrow(/record #0/);
  });
});

describe('refsFromSqsEvent', () => {
  it('unwraps S3 notifications, SNS envelopes and CloudTrail SNS notifications per message', () => {
    // Prepare
    const event = sqsBatch([
      JSON.stringify(s3Notification('b', ['a.json.gz'])),
      JSON.stringify({ Type: 'Notification', Message: JSON.stringify(s3Notification('b', ['c.json.gz'])) }),
      JSON.stringify({ s3Bucket: 'b', s3ObjectKey: ['d.json.gz', 'e.json.gz'] }),
      'not json',
    ]);

    // Act
    const messages = refsFromSqsEvent(event);

    // Assess
    expect(messages.map((m) => m.refs.map((r) => r.key))).toEqual([['a.json.gz'], ['c.json.gz'], ['d.json.gz', 'e.json.gz'], []]);
    expect(messages[3]?.error).toMatch(/^SQS message msg-3: /);
  });
});

describe('refsFromYandexTrigger', () => {
  it('returns every create message and skips deletes', () => {
    // Prepare
    const event = yandexTrigger([
      { bucket: 'audit', key: 'trails/a/1.json' },
      { bucket: 'audit', key: 'trails/a/2.json' },
      { bucket: 'audit', key: 'trails/a/3.json', type: 'yandex.cloud.events.storage.ObjectDelete' },
    ]);

    // Act
    const refs = refsFromYandexTrigger(event);

    // Assess
    expect(refs).toEqual([{ bucket: 'audit', key: 'trails/a/1.json' }, { bucket: 'audit', key: 'trails/a/2.json' }]);
  });

  it('names the malformed message', () => {
    expect(() => refsFromYandexTrigger({ messages: [{ details: { bucket_id: 'b' } }] })).toThrow(/message #0: details.object_id/);
  });
});
