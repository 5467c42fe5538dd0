/**
 * AWS SDK clients for remediation, one per service and region, created on
 * first use. The client modules are imported dynamically so that a function
 * that never remediates never loads them (cold start, bundle size).
 */
import type { AwsClients } from '../action.js';

/** Settings shared by every client (tests point them at a local endpoint). */
export interface AwsClientOptions {
  /** One endpoint for every service (tests, LocalStack-style gateways). */
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts?: number;
  /** Deadline of one HTTP request, in ms. @default 5000 */
  readonly requestTimeoutMs?: number;
}

/** A lazy, caching {@link AwsClients}. */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const cache = new Map<string, Promise<unknown>>();
  const common = {
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    // Every call has a deadline: a hung endpoint cannot hold a remediation claim past its lease.
    requestHandler: { connectionTimeout: 2_000, requestTimeout: options.requestTimeoutMs ?? 5_000 },
  };
  function once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let client = cache.get(key) as Promise<T> | undefined;
    if (!client) {
      client = make();
      cache.set(key, client);
    }
    return client;
  }
  return {
    ec2: (region) => once(`ec2:${region}`, async () => new (await import('@aws-sdk/client-ec2')).EC2Client({ region, ...common })),
    s3: (region) => once(`s3:${region}`, async () => new (await import('@aws-sdk/client-s3')).S3Client({ region, forcePathStyle: Boolean(options.endpoint), ...common })),
    s3control: (region) => once(`s3control:${region}`, async () => new (await import('@aws-sdk/client-s3-control')).S3ControlClient({ region, ...common })),
    iam: () => once('iam', async () => new (await import('@aws-sdk/client-iam')).IAMClient({ region: 'us-east-1', ...common })),
    rds: (region) => once(`rds:${region}`, async () => new (await import('@aws-sdk/client-rds')).RDSClient({ region, ...common })),
    sts: (region) => once(`sts:${region}`, async () => new (await import('@aws-sdk/client-sts')).STSClient({ region, ...common })),
    // Issue #14: tampering and public-resource actions.
    cloudtrail: (region) => once(`cloudtrail:${region}`, async () => new (await import('@aws-sdk/client-cloudtrail')).CloudTrailClient({ region, ...common })),
    lambda: (region) => once(`lambda:${region}`, async () => new (await import('@aws-sdk/client-lambda')).LambdaClient({ region, ...common })),
    kms: (region) => once(`kms:${region}`, async () => new (await import('@aws-sdk/client-kms')).KMSClient({ region, ...common })),
    sqs: (region) => once(`sqs:${region}`, async () => new (await import('@aws-sdk/client-sqs')).SQSClient({ region, ...common })),
    sns: (region) => once(`sns:${region}`, async () => new (await import('@aws-sdk/client-sns')).SNSClient({ region, ...common })),
    secretsManager: (region) => once(`secretsmanager:${region}`, async () => new (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient({ region, ...common })),
    ecr: (region) => once(`ecr:${region}`, async () => new (await import('@aws-sdk/client-ecr')).ECRClient({ region, ...common })),
    efs: (region) => once(`efs:${region}`, async () => new (await import('@aws-sdk/client-efs')).EFSClient({ region, ...common })),
  };
}
