/**
 * Console deep links for the resources findings are about. Every id is
 * URL-encoded, so a hostile name cannot change where a link points.
 */

/** URL-encode; a lone surrogate (valid JSON, invalid UTF-16) becomes U+FFFD instead of throwing. */
const e = (value: string) =>
  encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
const YANDEX_CONSOLE = 'https://console.yandex.cloud';

/** Links into the AWS console. */
export const awsConsole = {
  bucket: (name: string) => `https://s3.console.aws.amazon.com/s3/buckets/${e(name)}?tab=permissions`,
  accountPublicAccessBlock: () =>
    'https://s3.console.aws.amazon.com/s3/settings',
  securityGroup: (region: string | undefined, id: string) =>
    `https://console.aws.amazon.com/ec2/home?region=${e(region ?? 'us-east-1')}#SecurityGroup:groupId=${e(id)}`,
  networkAcl: (region: string | undefined, id: string) =>
    `https://console.aws.amazon.com/vpcconsole/home?region=${e(region ?? 'us-east-1')}#NetworkAclDetails:networkAclId=${e(id)}`,
  dbSecurityGroup: (region: string | undefined, name: string) =>
    `https://console.aws.amazon.com/rds/home?region=${e(region ?? 'us-east-1')}#db-security-group:id=${e(name)}`,
  iamUser: (name: string) => `https://console.aws.amazon.com/iam/home#/users/details/${e(name)}`,
  iamRole: (name: string) => `https://console.aws.amazon.com/iam/home#/roles/details/${e(name)}`,
  iamGroup: (name: string) => `https://console.aws.amazon.com/iam/home#/groups/details/${e(name)}`,
  iamPolicy: (arn: string) => `https://console.aws.amazon.com/iam/home#/policies/details/${e(arn)}`,
} as const;

/** Links into the Yandex Cloud console. */
export const yandexConsole = {
  folder: (folderId: string) => `${YANDEX_CONSOLE}/folders/${e(folderId)}`,
  cloud: (cloudId: string) => `${YANDEX_CONSOLE}/cloud/${e(cloudId)}`,
  organization: (orgId: string) => `https://center.yandex.cloud/organization?organizationId=${e(orgId)}`,
  bucket: (folderId: string | undefined, name: string) =>
    folderId
      ? `${YANDEX_CONSOLE}/folders/${e(folderId)}/storage/buckets/${e(name)}`
      : `${YANDEX_CONSOLE}/storage/buckets/${e(name)}`,
  securityGroup: (folderId: string | undefined, id: string) =>
    folderId
      ? `${YANDEX_CONSOLE}/folders/${e(folderId)}/vpc/security-groups/${e(id)}/overview`
      : `${YANDEX_CONSOLE}/vpc/security-groups/${e(id)}`,
  serviceAccount: (folderId: string | undefined, id: string) =>
    folderId
      ? `${YANDEX_CONSOLE}/folders/${e(folderId)}/iam/service-accounts/${e(id)}`
      : `${YANDEX_CONSOLE}/iam/service-accounts/${e(id)}`,
  secret: (folderId: string | undefined, id: string) =>
    folderId
      ? `${YANDEX_CONSOLE}/folders/${e(folderId)}/lockbox/secret/${e(id)}/overview`
      : `${YANDEX_CONSOLE}/lockbox/secret/${e(id)}`,
  kmsKey: (folderId: string | undefined, id: string) =>
    folderId
      ? `${YANDEX_CONSOLE}/folders/${e(folderId)}/kms/keys/${e(id)}`
      : `${YANDEX_CONSOLE}/kms/keys/${e(id)}`,
} as const;
