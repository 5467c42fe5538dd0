/** Builders for the trigger events the handlers receive, in the platforms' real shapes. */

/** An S3 event notification (as Lambda receives it, or as an SQS message body). */
export function s3Notification(bucket: string, keys: readonly string[], eventName = 'ObjectCreated:Put') {
  return {
    Records: keys.map((key, i) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventTime: '2026-10-01T12:05:30.000Z',
      eventName,
      userIdentity: { principalId: 'AWS:AROAEXAMPLECLOUDTRAIL:regionalDeliverySession' },
      requestParameters: { sourceIPAddress: '10.0.0.1' },
      responseElements: { 'x-amz-request-id': `REQ${i}`, 'x-amz-id-2': 'id2' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'audit-responder',
        bucket: { name: bucket, ownerIdentity: { principalId: 'A3EXAMPLEOWNER' }, arn: `arn:aws:s3:::${bucket}` },
        object: { key, size: 1024, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: `0066F${i}` },
      },
    })),
  };
}

/** An SQS batch whose message bodies are given. */
export function sqsBatch(bodies: readonly string[]) {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `msg-${i}`,
      receiptHandle: `rh-${i}`,
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1791201930000', SenderId: 'AIDAEXAMPLE', ApproximateFirstReceiveTimestamp: '1791201930001' },
      messageAttributes: {},
      md5OfBody: '0',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:audit-responder-objects',
      awsRegion: 'eu-west-1',
    })),
  };
}

/** A Yandex Cloud Object Storage trigger call. */
export function yandexTrigger(objects: readonly { bucket: string; key: string; type?: string }[]) {
  return {
    messages: objects.map((o, i) => ({
      event_metadata: {
        event_id: `bb1dd06d-a82c-49b4-af98-${String(i).padStart(12, '0')}`,
        event_type: o.type ?? 'yandex.cloud.events.storage.ObjectCreate',
        created_at: '2026-10-01T12:07:00.123456Z',
        tracing_context: { trace_id: 'dd52ace79c62892f', span_id: '', parent_span_id: '' },
        cloud_id: 'b1gq4example0cloud01',
        folder_id: 'b1g2example0folder01',
      },
      details: { bucket_id: o.bucket, object_id: o.key },
    })),
  };
}
