import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeTrails } from '../../shared/store/describe-trails.js';
import { type FakeAws, startFakeAws } from '../helpers/aws-endpoint.js';
import { awsJson, byTarget, operationOf } from '../helpers/aws-json.js';

describe('describeTrails', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('maps the trails of the account to trail context', async () => {
    // Prepare
    aws.on('POST /', byTarget({ DescribeTrails: awsJson({ trailList: [{ Name: 'org-main', TrailARN: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main', S3BucketName: 'acme-org-logs', S3KeyPrefix: 'main', KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k1', IsMultiRegionTrail: true, LogFileValidationEnabled: true }, { TrailARN: 'nameless' }] }) }));
    const client = new CloudTrailClient({ endpoint: aws.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

    // Act
    const trails = await describeTrails(client);

    // Assess
    expect(aws.calls.map((c) => [operationOf(c), JSON.parse(c.body)])).toEqual([['DescribeTrails', { includeShadowTrails: true }]]);
    expect(trails).toEqual([{ cloud: 'aws', name: 'org-main', arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main', bucket: 'acme-org-logs', prefix: 'main', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k1', multiRegion: true, logFileValidation: true }]);
  });
});
