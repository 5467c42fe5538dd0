/** Known-dangerous CloudTrail records for pipeline tests. */
import { cloudTrailRecord } from './cloudtrail.js';

/** SSH opened to the world on one security group. */
export function sgRecord(groupId = 'sg-0123456789abcdef0') {
  return cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: { groupId, ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } },
    responseElements: { _return: true },
  });
}

/** A bucket ACL made public-read. */
export function bucketFindingRecord(bucket = 'acme-assets') {
  return cloudTrailRecord({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketAcl',
    requestParameters: { bucketName: bucket, acl: '', 'x-amz-acl': ['public-read'] },
  });
}
