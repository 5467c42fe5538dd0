// Writes the sample audit logs under samples/ (run: node scripts/make-samples.mjs).
// Every record is ours, in the real CloudTrail / Yandex Audit Trails formats:
// a few dangerous changes among everyday noise, as a trail would deliver them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const account = '111122223333';
const region = 'eu-west-1';
let n = 0;
const id = () => `6f1c2a9e-4b7d-4c1e-9a3f-${String(++n).padStart(12, '0')}`;

const alice = {
  type: 'IAMUser', principalId: 'AIDAQX3EXAMPLEALICE1', arn: `arn:aws:iam::${account}:user/alice`,
  accountId: account, accessKeyId: 'AKIAQX3EXAMPLEKEY001', userName: 'alice',
};
const deployer = {
  type: 'AssumedRole', principalId: 'AROAQX3EXAMPLEROLE01:ci-run-8812',
  arn: `arn:aws:sts::${account}:assumed-role/ci-deployer/ci-run-8812`, accountId: account,
  accessKeyId: 'ASIAQX3EXAMPLEKEY002',
  sessionContext: {
    sessionIssuer: { type: 'Role', principalId: 'AROAQX3EXAMPLEROLE01', arn: `arn:aws:iam::${account}:role/ci-deployer`, accountId: account, userName: 'ci-deployer' },
    attributes: { creationDate: '2026-10-01T11:58:02Z', mfaAuthenticated: 'false' },
  },
};

function ct(time, source, name, identity, request, response = null, extra = {}) {
  return {
    eventVersion: '1.09', userIdentity: identity, eventTime: time, eventSource: source, eventName: name,
    awsRegion: region, sourceIPAddress: identity === alice ? '198.51.100.23' : '203.0.113.40',
    userAgent: identity === alice ? 'aws-cli/2.17.4 md/awscrt#0.20.11 ua/2.0 os/linux#6.8 md/arch#x86_64 lang/python#3.11.9' : 'APN/1.0 HashiCorp/1.0 Terraform/1.9.5',
    requestParameters: request, responseElements: response, requestID: id().slice(-17), eventID: id(),
    readOnly: false, eventType: 'AwsApiCall', managementEvent: true, recipientAccountId: account,
    eventCategory: 'Management', tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${source.split('.')[0]}.${region}.amazonaws.com` },
    ...extra,
  };
}

const cloudtrail = {
  Records: [
    ct('2026-10-01T12:00:04Z', 'ec2.amazonaws.com', 'DescribeInstances', deployer, { instancesSet: {}, filterSet: {} }, null, { readOnly: true }),
    ct('2026-10-01T12:00:09Z', 'ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', alice,
      { groupId: 'sg-0c4f7e2a91b3d5e68', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, groups: {}, ipRanges: { items: [{ cidrIp: '0.0.0.0/0', description: 'temp debug' }] }, ipv6Ranges: {}, prefixListIds: {} }] } },
      { requestId: '1b9e0c2d-0f55-4b7a-8f0e-3c2a1d9e8f70', _return: true, securityGroupRuleSet: { items: [{ groupOwnerId: account, groupId: 'sg-0c4f7e2a91b3d5e68', securityGroupRuleId: 'sgr-0a7d3c9e5b1f24680', isEgress: false, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0', description: 'temp debug' }] } }),
    ct('2026-10-01T12:00:15Z', 'ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', deployer,
      { groupId: 'sg-0aa11bb22cc33dd44', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, groups: {}, ipRanges: { items: [{ cidrIp: '10.20.0.0/16' }] }, ipv6Ranges: {}, prefixListIds: {} }] } },
      { requestId: '0d2f4b6a-8c1e-4a3b-9d5f-7e6a5b4c3d21', _return: true }),
    ct('2026-10-01T12:01:30Z', 's3.amazonaws.com', 'PutBucketAcl', alice,
      { bucketName: 'acme-marketing-assets', Host: 'acme-marketing-assets.s3.eu-west-1.amazonaws.com', acl: '', 'x-amz-acl': ['public-read'] }),
    ct('2026-10-01T12:02:11Z', 's3.amazonaws.com', 'PutBucketPolicy', alice,
      { bucketName: 'acme-exports', Host: 'acme-exports.s3.eu-west-1.amazonaws.com', policy: '',
        bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-exports/*' }] } }),
    ct('2026-10-01T12:02:40Z', 's3.amazonaws.com', 'PutBucketPolicy', deployer,
      { bucketName: 'acme-internal-artifacts', Host: 'acme-internal-artifacts.s3.eu-west-1.amazonaws.com', policy: '',
        bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'OrgOnly', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-internal-artifacts/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] } }),
    ct('2026-10-01T12:03:02Z', 'iam.amazonaws.com', 'AttachUserPolicy', alice,
      { userName: 'svc-reporting', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
    ct('2026-10-01T12:03:20Z', 'iam.amazonaws.com', 'AttachRolePolicy', deployer,
      { roleName: 'app-readers', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    ct('2026-10-01T12:03:45Z', 'iam.amazonaws.com', 'CreateAccessKey', alice,
      { userName: 'svc-reporting' },
      { accessKey: { accessKeyId: 'AKIAQX3EXAMPLENEWKEY', status: 'Active', userName: 'svc-reporting', createDate: 'Oct 1, 2026 12:03:45 PM' } }),
    ct('2026-10-01T12:04:10Z', 's3.amazonaws.com', 'DeleteBucketPublicAccessBlock', alice,
      { bucketName: 'acme-exports', Host: 'acme-exports.s3.eu-west-1.amazonaws.com', publicAccessBlock: '' }, null, { errorCode: 'AccessDenied', errorMessage: 'Access Denied' }),
  ],
};

const yPath = [
  { resource_type: 'organization-manager.organization', resource_id: 'bpfk3m7example00org1', resource_name: 'acme' },
  { resource_type: 'resource-manager.cloud', resource_id: 'b1gq4example0cloud01', resource_name: 'acme-prod' },
  { resource_type: 'resource-manager.folder', resource_id: 'b1g2example0folder01', resource_name: 'web' },
];
let y = 0;
function ya(time, service, name, details, who = 'olga.smirnova', extra = {}) {
  return {
    event_id: `enp${String(++y).padStart(3, '0')}examplebq7n2s1`, event_source: service,
    event_type: `yandex.cloud.audit.${service}.${name}`, event_time: time,
    authentication: { authenticated: true, subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_id: 'ajeexample0olga00001', subject_name: who },
    authorization: { authorized: true },
    resource_metadata: { path: yPath },
    request_metadata: { remote_address: '192.0.2.77', user_agent: 'Yandex Cloud CLI/0.141.0 linux/amd64', request_id: `a1b2c3d4-${String(y).padStart(4, '0')}-4e5f-8a9b-0c1d2e3f4a5b` },
    event_status: 'DONE', details, ...extra,
  };
}
const yandex = [
  ya('2026-10-01T12:05:01.201334Z', 'network', 'UpdateSecurityGroup', {
    security_group_id: 'enp7example0sg0web01', security_group_name: 'web-frontend', network_id: 'enpexample0network01', network_name: 'prod-net',
    rules: [
      { id: 'enpexample0rule00443', direction: 'INGRESS', ports: { from_port: '443', to_port: '443' }, protocol_name: 'TCP', protocol_number: '6', cidr_blocks: { v4_cidr_blocks: ['0.0.0.0/0'] } },
      { id: 'enpexample0rule00022', direction: 'INGRESS', ports: { from_port: '22', to_port: '22' }, protocol_name: 'TCP', protocol_number: '6', cidr_blocks: { v4_cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'] } },
      { id: 'enpexample0rule0eg01', direction: 'EGRESS', protocol_name: 'ANY', protocol_number: '-1', cidr_blocks: { v4_cidr_blocks: ['0.0.0.0/0'] } },
    ],
  }),
  ya('2026-10-01T12:05:40.884102Z', 'storage', 'BucketUpdate', {
    bucket_id: 'acme-reports', objects_access: 'true', list_access: 'false', settings_read_access: 'false', max_size: '0', storage_class: 'STANDARD',
  }),
  ya('2026-10-01T12:06:12.5Z', 'resourcemanager', 'UpdateFolderAccessBindings', {
    folder_id: 'b1g2example0folder01', folder_name: 'web',
    access_binding_deltas: [{ action: 'ADD', access_binding: { role_id: 'admin', subject_id: 'ajeexample0contractor', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_name: 'contractor.ext' } }],
  }),
  ya('2026-10-01T12:06:30.1Z', 'resourcemanager', 'UpdateFolderAccessBindings', {
    folder_id: 'b1g2example0folder01', folder_name: 'web',
    access_binding_deltas: [{ action: 'ADD', access_binding: { role_id: 'viewer', subject_id: 'ajeexample0auditor01', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_name: 'auditor' } }],
  }),
  ya('2026-10-01T12:07:00.0Z', 'compute', 'CreateInstance', { instance_id: 'fhmexample0instance1', instance_name: 'web-3', zone_id: 'ru-central1-a' }),
];

const digest = {
  awsAccountId: account, digestStartTime: '2026-10-01T11:00:00Z', digestEndTime: '2026-10-01T12:00:00Z',
  digestS3Bucket: 'acme-org-trail', digestS3Object: 'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/10/01/x.json.gz',
  digestPublicKeyFingerprint: '7d3e0f1a2b3c4d5e6f708192a3b4c5d6', digestSignatureAlgorithm: 'SHA256withRSA', logFiles: [],
};

const ctDir = `samples/aws/AWSLogs/${account}/CloudTrail/${region}/2026/10/01`;
const dgDir = `samples/aws/AWSLogs/${account}/CloudTrail-Digest/${region}/2026/10/01`;
const yDir = 'samples/yandex/trails/cnpexample0trail001/2026/10/01';
for (const dir of [ctDir, dgDir, yDir]) mkdirSync(dir, { recursive: true });
writeFileSync(`${ctDir}/${account}_CloudTrail_${region}_20261001T1205Z_Qm9Ez3kP1aXw7N2c.json.gz`, gzipSync(JSON.stringify(cloudtrail), { level: 9, mtime: 0 }));
writeFileSync(`${dgDir}/${account}_CloudTrail-Digest_${region}_acme-org-trail_${region}_20261001T120000Z.json.gz`, gzipSync(JSON.stringify(digest)));
writeFileSync(`${yDir}/120700123.json`, `${JSON.stringify(yandex, null, 1)}\n`);
console.log('samples written');
