/**
 * Deterministic CloudTrail records in the real delivery format, for the
 * benchmark: mostly everyday calls (reads, data events, role sessions,
 * console sign-ins), about 1.5 % calls the rules look at but that are
 * harmless, and about 1 % dangerous changes the rules fire on.
 * Average record size is about 1.4 KB of JSON, like a busy real trail.
 *
 * Records are ASCII only, on purpose: a single non-ASCII character anywhere
 * in a file makes V8 hold the whole decoded text as a two-byte string, which
 * doubles its memory and slows decoding and parsing several times over, so
 * the numbers would hinge on one record. (Worth its own measurement.)
 */
import { type Rng, type WeightedTable, createRng } from './rng.js';

/** A raw record, as it appears in `{"Records":[…]}`. */
export type Json = Record<string, unknown>;

/** How a generated record is meant to be treated by the rules. */
export type Kind = 'noise' | 'watched' | 'dangerous';

/** One generated record and what it is. */
export interface Generated {
  readonly kind: Kind;
  /** Template name, e.g. `sg-ingress-world`. */
  readonly template: string;
  readonly record: Json;
}

/** Share of records per kind. */
export const CLOUDTRAIL_MIX = { dangerous: 0.01, watched: 0.015 } as const;

/** The second mix: most records are actions some rule watches (harmless or dangerous). */
export const WATCHED_MIX = { dangerous: 0.05, watched: 0.8 } as const;

/** Shares of dangerous and watched-but-harmless records; the rest is noise. */
export interface Mix {
  readonly dangerous: number;
  readonly watched: number;
}

const ACCOUNTS = ['111122223333', '111122223333', '111122223333', '444455556666'] as const;
const REGIONS = ['eu-west-1', 'eu-west-1', 'eu-central-1', 'us-east-1'] as const;
const START = Date.UTC(2026, 9, 1, 12, 0, 0);

const AGENTS = {
  cli: 'aws-cli/2.17.4 md/awscrt#0.20.11 ua/2.0 os/linux#6.8.0-1015-aws md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard',
  boto: 'Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#5.10.223 md/arch#x86_64 lang/python#3.12.4 exec-env/AWS_Lambda_python3.12',
  go: 'aws-sdk-go-v2/1.30.3 ua/2.0 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.171.0',
  js: 'aws-sdk-js/3.609.0 ua/2.1 os/linux#5.10.219 lang/js md/nodejs#20.15.1 api/s3#3.609.0',
  terraform: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.62.0 aws-sdk-go-v2/1.30.3',
  console: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36',
} as const;

/** Who made a call: the identity block, the source address and the agent. */
interface Caller {
  readonly identity: Json;
  readonly ip: string;
  readonly agent: string;
  /** For CreateAccessKey-for-self: the caller's own user name. */
  readonly userName?: string;
}

/** Everything a template needs for one record. */
interface Ctx {
  readonly rng: Rng;
  readonly time: string;
  readonly account: string;
  readonly region: string;
}

type Template = (c: Ctx) => Json;

// ---------------------------------------------------------------- callers

function publicIp(rng: Rng): string {
  return `${rng.pick(['198.51.100', '203.0.113', '192.0.2'])}.${rng.between(1, 254)}`;
}

function iamUser(c: Ctx, name: string): Caller {
  return {
    identity: {
      type: 'IAMUser',
      principalId: `AIDA${c.rng.chars(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      arn: `arn:aws:iam::${c.account}:user/${name}`,
      accountId: c.account,
      accessKeyId: `AKIA${c.rng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      userName: name,
    },
    ip: publicIp(c.rng),
    agent: c.rng.pick([AGENTS.cli, AGENTS.terraform, AGENTS.go]),
    userName: name,
  };
}

function assumedRole(c: Ctx, role: string, session: string, agent: string, ip: string, mfa = false): Caller {
  const roleId = `AROA${c.rng.chars(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
  return {
    identity: {
      type: 'AssumedRole',
      principalId: `${roleId}:${session}`,
      arn: `arn:aws:sts::${c.account}:assumed-role/${role}/${session}`,
      accountId: c.account,
      accessKeyId: `ASIA${c.rng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: roleId,
          arn: `arn:aws:iam::${c.account}:role/${role.startsWith('AWSReservedSSO') ? `aws-reserved/sso.amazonaws.com/eu-west-1/${role}` : role}`,
          accountId: c.account,
          userName: role,
        },
        attributes: { creationDate: c.time.replace(/:\d\dZ$/, ':00Z'), mfaAuthenticated: String(mfa) },
      },
    },
    ip,
    agent,
  };
}

/** Lambda functions, ECS tasks and CI jobs running with a role: most of a trail. */
function workload(c: Ctx): Caller {
  const role = c.rng.pick(['acme-api-handler', 'acme-orders-worker', 'acme-thumbnailer', 'ecsTaskRole-billing', 'acme-etl-glue']);
  return assumedRole(c, role, role.startsWith('ecs') ? c.rng.hex(32) : role, c.rng.pick([AGENTS.boto, AGENTS.js, AGENTS.go]), `10.${c.rng.int(4)}.${c.rng.int(256)}.${c.rng.between(1, 254)}`);
}

/** People signed in through IAM Identity Center. */
function ssoPerson(c: Ctx): Caller {
  const person = c.rng.pick(['alice@acme.example', 'bob@acme.example', 'carol@acme.example', 'dmitry@acme.example']);
  const set = c.rng.pick(['AWSReservedSSO_AdministratorAccess_0f1e2d3c4b5a6978', 'AWSReservedSSO_ReadOnly_9a8b7c6d5e4f3a21']);
  return assumedRole(c, set, person, c.rng.pick([AGENTS.console, AGENTS.cli]), publicIp(c.rng), true);
}

function ciDeployer(c: Ctx): Caller {
  return assumedRole(c, 'ci-deployer', `gha-${c.rng.between(10000000, 99999999)}`, AGENTS.terraform, publicIp(c.rng));
}

function awsService(service: string): Caller {
  return { identity: { type: 'AWSService', invokedBy: service }, ip: service, agent: service };
}

function anyCaller(c: Ctx): Caller {
  return c.rng.weighted<(c: Ctx) => Caller>([
    [55, workload],
    [20, ssoPerson],
    [15, (x) => iamUser(x, x.rng.pick(['alice', 'svc-backup', 'svc-reporting', 'deploy-bot']))],
    [10, ciDeployer],
  ])(c);
}

// ---------------------------------------------------------------- the envelope

interface CallOptions {
  readonly caller: Caller;
  readonly source: string;
  readonly name: string;
  readonly request?: Json | null;
  readonly response?: Json | null;
  readonly additional?: Json;
  readonly resources?: Json[];
  readonly readOnly?: boolean;
  readonly eventType?: string;
  readonly category?: 'Management' | 'Data';
  readonly error?: { code: string; message: string };
  readonly host?: string;
}

/** One record with every envelope field CloudTrail writes, in its order. */
function call(c: Ctx, o: CallOptions): Json {
  const host = o.host ?? `${o.source.split('.')[0]}.${c.region}.amazonaws.com`;
  return {
    eventVersion: o.category === 'Data' ? '1.10' : '1.09',
    userIdentity: o.caller.identity,
    eventTime: c.time,
    eventSource: o.source,
    eventName: o.name,
    awsRegion: c.region,
    sourceIPAddress: o.caller.ip,
    userAgent: o.caller.agent,
    ...(o.error ? { errorCode: o.error.code, errorMessage: o.error.message } : {}),
    requestParameters: o.request ?? null,
    responseElements: o.error ? null : (o.response ?? null),
    ...(o.additional ? { additionalEventData: o.additional } : {}),
    requestID: o.source === 's3.amazonaws.com' ? c.rng.chars(16, '0123456789ABCDEF') : c.rng.uuid(),
    eventID: c.rng.uuid(),
    readOnly: o.readOnly ?? false,
    ...(o.resources ? { resources: o.resources } : {}),
    eventType: o.eventType ?? 'AwsApiCall',
    managementEvent: o.category !== 'Data',
    recipientAccountId: c.account,
    ...(o.category === 'Data' ? { sharedEventID: c.rng.uuid() } : {}),
    eventCategory: o.category ?? 'Management',
    ...(o.caller.identity.type === 'AWSService'
      ? {}
      : { tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host } }),
  };
}

const BUCKETS = ['acme-media', 'acme-exports', 'acme-logs-archive', 'acme-build-artifacts', 'acme-user-uploads', 'acme-data-lake'] as const;

function bucketHost(c: Ctx, bucket: string): string {
  return `${bucket}.s3.${c.region}.amazonaws.com`;
}

function objectKey(rng: Rng): string {
  const prefix = rng.pick(['uploads/2026/10/01', 'thumbnails/512x512', 'exports/daily', 'raw/events/year=2026/month=10/day=01', 'builds/main']);
  return `${prefix}/${rng.hex(16)}.${rng.pick(['jpg', 'json', 'parquet', 'gz', 'zip'])}`;
}

function s3Additional(rng: Rng, bytesIn: number, bytesOut: number): Json {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: bytesIn,
    AuthenticationMethod: 'AuthHeader',
    'x-amz-id-2': `${rng.chars(56, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}=`,
    bytesTransferredOut: bytesOut,
  };
}

function s3Resources(c: Ctx, bucket: string, key?: string): Json[] {
  return [
    ...(key ? [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` }] : []),
    { accountId: c.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
  ];
}

// ---------------------------------------------------------------- everyday noise

const noise: WeightedTable<readonly [string, Template]> = [
  [9, ['s3-get-object', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    const key = objectKey(c.rng);
    return call(c, {
      caller: workload(c), source: 's3.amazonaws.com', name: 'GetObject', category: 'Data', readOnly: true, host: bucketHost(c, bucket),
      request: { bucketName: bucket, Host: bucketHost(c, bucket), key },
      additional: s3Additional(c.rng, 0, c.rng.between(1000, 5_000_000)),
      resources: s3Resources(c, bucket, key),
    });
  }]],
  [4, ['s3-put-object', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    const key = objectKey(c.rng);
    return call(c, {
      caller: workload(c), source: 's3.amazonaws.com', name: 'PutObject', category: 'Data', host: bucketHost(c, bucket),
      request: { bucketName: bucket, Host: bucketHost(c, bucket), key, 'x-amz-server-side-encryption': 'aws:kms' },
      response: { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': `arn:aws:kms:${c.region}:${c.account}:key/${c.rng.uuid()}`, 'x-amz-version-id': c.rng.chars(32, 'abcdefghijklmnopqrstuvwxyz0123456789._') },
      additional: s3Additional(c.rng, c.rng.between(1000, 5_000_000), 0),
      resources: s3Resources(c, bucket, key),
    });
  }]],
  [10, ['ec2-describe-instances', (c) => call(c, {
    caller: c.rng.chance(0.5) ? ciDeployer(c) : anyCaller(c), source: 'ec2.amazonaws.com', name: 'DescribeInstances', readOnly: true,
    request: {
      instancesSet: c.rng.chance(0.5) ? { items: [{ instanceId: `i-0${c.rng.hex(16)}` }] } : {},
      filterSet: { items: [{ name: 'tag:Environment', valueSet: { items: [{ value: 'prod' }] } }] },
    },
  })]],
  [22, ['sts-assume-role', (c) => {
    const role = c.rng.pick(['acme-api-handler', 'acme-orders-worker', 'acme-thumbnailer', 'acme-etl-glue']);
    const service = c.rng.pick(['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'glue.amazonaws.com']);
    const roleId = `AROA${c.rng.chars(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
    const roleArn = `arn:aws:iam::${c.account}:role/${role}`;
    return call(c, {
      caller: awsService(service), source: 'sts.amazonaws.com', name: 'AssumeRole', readOnly: true,
      request: { roleArn, roleSessionName: role, durationSeconds: 3600 },
      response: {
        credentials: { accessKeyId: `ASIA${c.rng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, sessionToken: `IQoJb3JpZ2luX2VjE${c.rng.chars(120, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+')}`, expiration: 'Oct 1, 2026, 1:00:00 PM' },
        assumedRoleUser: { assumedRoleId: `${roleId}:${role}`, arn: `arn:aws:sts::${c.account}:assumed-role/${role}/${role}` },
      },
      resources: [{ accountId: c.account, type: 'AWS::IAM::Role', ARN: roleArn }],
      category: 'Management',
    });
  }]],
  [7, ['kms-decrypt', (c) => {
    const key = `arn:aws:kms:${c.region}:${c.account}:key/${c.rng.uuid()}`;
    return call(c, {
      caller: workload(c), source: 'kms.amazonaws.com', name: 'Decrypt', readOnly: true,
      request: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::${c.rng.pick(BUCKETS)}` } },
      resources: [{ accountId: c.account, type: 'AWS::KMS::Key', ARN: key }],
    });
  }]],
  [6, ['ssm-get-parameter', (c) => call(c, {
    caller: workload(c), source: 'ssm.amazonaws.com', name: 'GetParameter', readOnly: true,
    request: { name: `/acme/prod/${c.rng.pick(['db/password', 'api/stripe-key', 'feature-flags', 'smtp/credentials'])}`, withDecryption: true },
  })]],
  [8, ['sts-get-caller-identity', (c) => call(c, { caller: anyCaller(c), source: 'sts.amazonaws.com', name: 'GetCallerIdentity', readOnly: true })]],
  [6, ['logs-create-log-stream', (c) => call(c, {
    caller: workload(c), source: 'logs.amazonaws.com', name: 'CreateLogStream',
    request: { logGroupName: `/aws/lambda/${c.rng.pick(['acme-api-handler', 'acme-orders-worker', 'acme-thumbnailer'])}`, logStreamName: `2026/10/01/[$LATEST]${c.rng.hex(32)}` },
  })]],
  [4, ['ec2-describe-security-groups', (c) => call(c, {
    caller: ciDeployer(c), source: 'ec2.amazonaws.com', name: 'DescribeSecurityGroups', readOnly: true,
    request: { securityGroupSet: { items: [{ groupId: `sg-0${c.rng.hex(16)}` }] }, securityGroupIdSet: {}, filterSet: {} },
  })]],
  [4, ['s3-list-buckets', (c) => call(c, {
    caller: anyCaller(c), source: 's3.amazonaws.com', name: 'ListBuckets', readOnly: true, host: `s3.${c.region}.amazonaws.com`,
    request: { Host: `s3.${c.region}.amazonaws.com` },
    additional: s3Additional(c.rng, 0, c.rng.between(2000, 9000)),
  })]],
  [5, ['iam-get-role', (c) => call(c, {
    caller: ciDeployer(c), source: 'iam.amazonaws.com', name: 'GetRole', readOnly: true, host: 'iam.amazonaws.com',
    request: { roleName: c.rng.pick(['acme-api-handler', 'acme-orders-worker', 'ci-deployer']) },
  })]],
  [3, ['rds-describe-db-instances', (c) => call(c, {
    caller: anyCaller(c), source: 'rds.amazonaws.com', name: 'DescribeDBInstances', readOnly: true,
    request: { dBInstanceIdentifier: c.rng.pick(['billing-db', 'orders-db', 'analytics-replica']) },
  })]],
  [3, ['signin-console-login', (c) => {
    const user = iamUser(c, c.rng.pick(['alice', 'break-glass-admin', 'auditor']));
    return call(c, {
      caller: { ...user, agent: AGENTS.console }, source: 'signin.amazonaws.com', name: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', host: 'signin.aws.amazon.com',
      response: { ConsoleLogin: 'Success' },
      additional: { LoginTo: `https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_eu-west-1_${c.rng.hex(16)}`, MobileVersion: 'No', MFAIdentifier: `arn:aws:iam::${c.account}:mfa/${c.rng.hex(8)}`, MFAUsed: 'Yes' },
    });
  }]],
  [2, ['ec2-failed-terminate', (c) => {
    const caller = ssoPerson(c);
    const instance = `i-0${c.rng.hex(16)}`;
    return call(c, {
      caller, source: 'ec2.amazonaws.com', name: 'TerminateInstances',
      request: { instancesSet: { items: [{ instanceId: instance }] } },
      error: { code: 'Client.UnauthorizedOperation', message: `You are not authorized to perform this operation. User: ${String(caller.identity.arn)} is not authorized to perform: ec2:TerminateInstances on resource: arn:aws:ec2:${c.region}:${c.account}:instance/${instance} because no identity-based policy allows the ec2:TerminateInstances action.` },
    });
  }]],
];

// ---------------------------------------------------------------- watched but harmless

const S3_ALL_ON = { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

function ingress(groupId: string, port: number, cidr: string): Json {
  return {
    groupId,
    ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, groups: {}, ipRanges: { items: [{ cidrIp: cidr, description: 'managed by terraform' }] }, ipv6Ranges: {}, prefixListIds: {} }] },
  };
}

function ingressResponse(c: Ctx, groupId: string, port: number, cidr: string): Json {
  return {
    requestId: c.rng.uuid(), _return: true,
    securityGroupRuleSet: { items: [{ groupOwnerId: c.account, groupId, securityGroupRuleId: `sgr-0${c.rng.hex(16)}`, isEgress: false, ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIpv4: cidr, description: 'managed by terraform' }] },
  };
}

function policyJson(...Statement: Json[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement });
}

const watched: WeightedTable<readonly [string, Template]> = [
  [3, ['sg-ingress-internal', (c) => {
    const groupId = `sg-0${c.rng.hex(16)}`;
    const port = c.rng.pick([5432, 6379, 443]);
    return call(c, { caller: ciDeployer(c), source: 'ec2.amazonaws.com', name: 'AuthorizeSecurityGroupIngress', request: ingress(groupId, port, '10.20.0.0/16'), response: ingressResponse(c, groupId, port, '10.20.0.0/16') });
  }]],
  [2, ['attach-readonly-policy', (c) => call(c, {
    caller: ciDeployer(c), source: 'iam.amazonaws.com', name: 'AttachRolePolicy', host: 'iam.amazonaws.com',
    request: { roleName: 'app-readers', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
  })]],
  [2, ['bucket-policy-org-only', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    return call(c, {
      caller: ciDeployer(c), source: 's3.amazonaws.com', name: 'PutBucketPolicy', host: bucketHost(c, bucket),
      request: { bucketName: bucket, Host: bucketHost(c, bucket), policy: '', bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'OrgOnly', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*`, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] } },
    });
  }]],
  [2, ['access-key-for-self', (c) => {
    const user = iamUser(c, 'deploy-bot');
    return call(c, {
      caller: user, source: 'iam.amazonaws.com', name: 'CreateAccessKey', host: 'iam.amazonaws.com',
      request: { userName: 'deploy-bot' },
      response: { accessKey: { accessKeyId: `AKIA${c.rng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, status: 'Active', userName: 'deploy-bot', createDate: 'Oct 1, 2026, 12:00:00 PM' } },
    });
  }]],
  [2, ['public-access-block-on', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    return call(c, {
      caller: ciDeployer(c), source: 's3.amazonaws.com', name: 'PutBucketPublicAccessBlock', host: bucketHost(c, bucket),
      request: { bucketName: bucket, Host: bucketHost(c, bucket), publicAccessBlock: '', PublicAccessBlockConfiguration: S3_ALL_ON },
    });
  }]],
  [2, ['denied-public-acl', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    return call(c, {
      caller: iamUser(c, 'alice'), source: 's3.amazonaws.com', name: 'PutBucketAcl', host: bucketHost(c, bucket),
      request: { bucketName: bucket, Host: bucketHost(c, bucket), acl: '', 'x-amz-acl': ['public-read'] },
      error: { code: 'AccessDenied', message: 'Access Denied' },
    });
  }]],
  [2, ['create-role-service-trust', (c) => {
    const doc = policyJson({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
    const name = `acme-fn-${c.rng.hex(6)}`;
    return call(c, {
      caller: ciDeployer(c), source: 'iam.amazonaws.com', name: 'CreateRole', host: 'iam.amazonaws.com',
      request: { roleName: name, path: '/', assumeRolePolicyDocument: doc },
      response: { role: { path: '/', roleName: name, roleId: `AROA${c.rng.chars(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, arn: `arn:aws:iam::${c.account}:role/${name}`, createDate: 'Oct 1, 2026, 12:00:00 PM', assumeRolePolicyDocument: encodeURIComponent(doc) } },
    });
  }]],
];

// ---------------------------------------------------------------- dangerous changes

const dangerous: WeightedTable<readonly [string, Template]> = [
  [3, ['sg-ingress-world', (c) => {
    const groupId = `sg-0${c.rng.hex(16)}`;
    const port = c.rng.pick([22, 3389, 5432, 443]);
    return call(c, { caller: iamUser(c, 'alice'), source: 'ec2.amazonaws.com', name: 'AuthorizeSecurityGroupIngress', request: ingress(groupId, port, '0.0.0.0/0'), response: ingressResponse(c, groupId, port, '0.0.0.0/0') });
  }]],
  [2, ['bucket-acl-public-read', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    return call(c, {
      caller: iamUser(c, 'alice'), source: 's3.amazonaws.com', name: 'PutBucketAcl', host: bucketHost(c, bucket),
      request: { bucketName: bucket, Host: bucketHost(c, bucket), acl: '', 'x-amz-acl': ['public-read'] },
      additional: s3Additional(c.rng, 0, 0),
      resources: s3Resources(c, bucket),
    });
  }]],
  [2, ['bucket-policy-public', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    return call(c, {
      caller: ssoPerson(c), source: 's3.amazonaws.com', name: 'PutBucketPolicy', host: bucketHost(c, bucket),
      request: { bucketName: bucket, Host: bucketHost(c, bucket), policy: '', bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] } },
    });
  }]],
  [2, ['public-access-block-deleted', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    return call(c, {
      caller: iamUser(c, 'alice'), source: 's3.amazonaws.com', name: 'DeleteBucketPublicAccessBlock', host: bucketHost(c, bucket),
      request: { bucketName: bucket, Host: bucketHost(c, bucket), publicAccessBlock: '' },
    });
  }]],
  [2, ['attach-admin-policy', (c) => call(c, {
    caller: iamUser(c, 'alice'), source: 'iam.amazonaws.com', name: 'AttachUserPolicy', host: 'iam.amazonaws.com',
    request: { userName: c.rng.pick(['svc-reporting', 'contractor-ext']), policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  })]],
  [1, ['inline-policy-star', (c) => call(c, {
    caller: ssoPerson(c), source: 'iam.amazonaws.com', name: 'PutRolePolicy', host: 'iam.amazonaws.com',
    request: { roleName: 'acme-orders-worker', policyName: 'debug-all', policyDocument: policyJson({ Effect: 'Allow', Action: '*', Resource: '*' }) },
  })]],
  [1, ['user-added-to-admins', (c) => call(c, {
    caller: iamUser(c, 'alice'), source: 'iam.amazonaws.com', name: 'AddUserToGroup', host: 'iam.amazonaws.com',
    request: { groupName: 'Admins', userName: 'contractor-ext' },
  })]],
  [1, ['role-trust-outside-account', (c) => call(c, {
    caller: ssoPerson(c), source: 'iam.amazonaws.com', name: 'UpdateAssumeRolePolicy', host: 'iam.amazonaws.com',
    request: { roleName: 'ops-admin', policyDocument: policyJson({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' }) },
  })]],
  [1, ['access-key-for-other-user', (c) => call(c, {
    caller: iamUser(c, 'alice'), source: 'iam.amazonaws.com', name: 'CreateAccessKey', host: 'iam.amazonaws.com',
    request: { userName: 'svc-reporting' },
    response: { accessKey: { accessKeyId: `AKIA${c.rng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`, status: 'Active', userName: 'svc-reporting', createDate: 'Oct 1, 2026, 12:03:45 PM' } },
  })]],
  [1, ['nacl-ingress-world', (c) => call(c, {
    caller: ciDeployer(c), source: 'ec2.amazonaws.com', name: 'CreateNetworkAclEntry',
    request: { networkAclId: `acl-0${c.rng.hex(16)}`, ruleNumber: 100, egress: false, ruleAction: 'allow', icmpTypeCode: {}, portRange: { from: 22, to: 22 }, aclProtocol: '6', cidrBlock: '0.0.0.0/0' },
    response: { requestId: c.rng.uuid(), _return: true },
  })]],
  [1, ['rds-sg-ingress-world', (c) => call(c, {
    caller: iamUser(c, 'alice'), source: 'rds.amazonaws.com', name: 'AuthorizeDBSecurityGroupIngress',
    request: { dBSecurityGroupName: 'billing-db', cIDRIP: '0.0.0.0/0' },
    response: { dBSecurityGroupName: 'billing-db', dBSecurityGroupDescription: 'billing', iPRanges: [{ cIDRIP: '0.0.0.0/0', status: 'authorizing' }], eC2SecurityGroups: [] },
  })]],
];

/** Template names by kind, for tests. */
export const CLOUDTRAIL_TEMPLATES: Readonly<Record<Kind, readonly string[]>> = {
  noise: noise.map(([, [name]]) => name),
  watched: watched.map(([, [name]]) => name),
  dangerous: dangerous.map(([, [name]]) => name),
};

const tables: Record<Kind, WeightedTable<readonly [string, Template]>> = { noise, watched, dangerous };

/** Build one record of a named template (tests use it to check every template). */
export function cloudTrailFromTemplate(kind: Kind, template: string, seed = 1): Json {
  const entry = tables[kind].find(([, [name]]) => name === template);
  if (!entry) throw new Error(`no ${kind} template ${template}`);
  const rng = createRng(seed);
  return entry[1][1](context(rng, 0));
}

function context(rng: Rng, index: number): Ctx {
  // About 300 records a second: a 100 000-record file spans about 6 minutes.
  const ms = START + index * 3 + rng.int(3);
  return { rng, time: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'), account: rng.pick(ACCOUNTS), region: rng.pick(REGIONS) };
}

/** `count` records from `seed`: the same sequence every time. */
export function* cloudTrailRecords(count: number, seed: number, mix: Mix = CLOUDTRAIL_MIX): Generator<Generated> {
  const rng = createRng(seed);
  for (let index = 0; index < count; index++) {
    const roll = rng.next();
    const kind: Kind = roll < mix.dangerous ? 'dangerous' : roll < mix.dangerous + mix.watched ? 'watched' : 'noise';
    const [template, make] = rng.weighted(tables[kind]);
    yield { kind, template, record: make(context(rng, index)) };
  }
}
