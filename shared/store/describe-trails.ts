/**
 * The account's trails from `cloudtrail:DescribeTrails` (shadow trails of
 * other regions included), as trail context. Used at cold start when the
 * config allows it (`tampering.describeTrails: true`); the role then gets
 * that permission from `npm run iam`.
 */
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { TrailInfo } from '../rules/lib/trail-context.js';

/** Read the trails with a 5-second deadline. */
export async function describeTrails(client: CloudTrailClient): Promise<TrailInfo[]> {
  const sdk = await import('@aws-sdk/client-cloudtrail');
  const out = await client.send(new sdk.DescribeTrailsCommand({ includeShadowTrails: true }), { abortSignal: AbortSignal.timeout(5_000) });
  return (out.trailList ?? []).flatMap((t) => {
    if (!t.Name) return [];
    const info: TrailInfo = {
      cloud: 'aws',
      name: t.Name,
      ...(t.TrailARN ? { arn: t.TrailARN } : {}),
      ...(t.S3BucketName ? { bucket: t.S3BucketName } : {}),
      ...(t.S3KeyPrefix ? { prefix: t.S3KeyPrefix } : {}),
      ...(t.KmsKeyId ? { kmsKeyId: t.KmsKeyId } : {}),
      ...(t.CloudWatchLogsLogGroupArn ? { logGroup: t.CloudWatchLogsLogGroupArn } : {}),
      ...(t.IsMultiRegionTrail !== undefined ? { multiRegion: t.IsMultiRegionTrail } : {}),
      ...(t.IncludeGlobalServiceEvents !== undefined ? { globalServiceEvents: t.IncludeGlobalServiceEvents } : {}),
      ...(t.LogFileValidationEnabled !== undefined ? { logFileValidation: t.LogFileValidationEnabled } : {}),
    };
    return [info];
  });
}
