import { describe, expect, it } from 'vitest';
import { TrailRegistry, normalizeKey, trailFromEvent } from '../../../shared/rules/lib/trail-context.js';
import { cloudTrailRecord, failed, toEvent } from '../../helpers/cloudtrail.js';
import { toYandexEvent, yandexEvent } from '../../helpers/yandex.js';

describe('trail context', () => {
  it.each([
    {
      name: 'an AWS CreateTrail',
      event: toEvent(cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'CreateTrail', requestParameters: { name: 'org-main', s3BucketName: 'logs', s3KeyPrefix: 'p', kmsKeyId: 'alias/t', isMultiRegionTrail: true }, responseElements: { trailARN: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main', logFileValidationEnabled: true } })),
      expected: { cloud: 'aws', name: 'org-main', arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main', bucket: 'logs', prefix: 'p', kmsKeyId: 'alias/t', multiRegion: true, logFileValidation: true },
    },
    {
      name: 'an AWS UpdateTrail by ARN',
      event: toEvent(cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'UpdateTrail', requestParameters: { name: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main', s3BucketName: 'logs2' } })),
      expected: { cloud: 'aws', name: 'org-main', bucket: 'logs2' },
    },
    {
      name: 'a Yandex CreateTrail',
      event: toYandexEvent(yandexEvent('audittrails', 'CreateTrail', { trail_id: 'cnp1', trail_name: 'main', destination: { object_storage: { bucket_id: 'at', object_prefix: 'x' } }, filtering_policy: { management_events_filter: { resource_scopes: [{ id: 'b1g', type: 'resource-manager.cloud' }] } } })),
      expected: { cloud: 'yandex', name: 'cnp1', arn: 'main', bucket: 'at', prefix: 'x', scopes: ['b1g'] },
    },
  ])('learns from $name', ({ event, expected }) => {
    expect(trailFromEvent(event)).toEqual(expected);
  });

  it('learns nothing from a failed CreateTrail', () => {
    expect(trailFromEvent(toEvent(failed(cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'CreateTrail', requestParameters: { name: 'x', s3BucketName: 'y' } }))))).toBeUndefined();
  });

  it('merges updates and finds trails by bucket, key and log group', () => {
    // Prepare
    const registry = new TrailRegistry([{ cloud: 'aws', name: 'org-main', bucket: 'logs', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/ABC-1' }]);

    // Act
    registry.add({ cloud: 'aws', name: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main', logGroup: 'arn:aws:logs:eu-west-1:111122223333:log-group:ct:*' });

    // Assess
    expect(registry.all()).toHaveLength(1);
    expect(registry.byBucket('logs').map((t) => t.name)).toEqual(['org-main']);
    expect(registry.byKmsKey('abc-1').map((t) => t.name)).toEqual(['org-main']);
    expect(registry.byLogGroup('arn:aws:logs:eu-west-1:111122223333:log-group:ct').map((t) => t.name)).toEqual(['org-main']);
    expect(registry.trail('org-main')?.bucket).toBe('logs');
    expect(normalizeKey('arn:aws:kms:eu-west-1:1:key/AbC')).toBe('abc');
  });
});
