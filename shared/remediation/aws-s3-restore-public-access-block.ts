/**
 * Turn S3 Block Public Access back on: read the current configuration of the
 * bucket (S3 `GetPublicAccessBlock`) or of the account (`level: 'account'`,
 * S3 Control `GetPublicAccessBlock` with the account id), set the settings
 * the finding saw turned off back to true, keep the other settings as they
 * are, and write the result (`PutPublicAccessBlock`). A deleted
 * configuration reads as all four settings off.
 */
import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import type { Finding, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { fromError, guarded, isAwsError, regionOf, targetList, targetText } from './lib/aws-common.js';
import { z } from 'zod';
import * as t from './lib/targets.js';

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;
type Setting = (typeof SETTINGS)[number];
type Config = Record<Setting, boolean>;
const NO_CONFIG = 'NoSuchPublicAccessBlockConfiguration';
const GONE = ['NoSuchBucket'];
const ALL_OFF: Config = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

/** Read and write one configuration: a bucket's through S3, the account's through S3 Control. */
interface Store {
  readonly name: string;
  get(): Promise<PublicAccessBlockConfiguration | undefined>;
  put(config: Config): Promise<unknown>;
}

async function storeFor(plan: RemediationPlan, region: string, context: ActionContext): Promise<Store | string> {
  if (targetText(plan, 'level') === 'account') {
    const AccountId = targetText(plan, 'accountId');
    if (!AccountId) return 'the plan names no account';
    const sdk = await import('@aws-sdk/client-s3-control');
    const client = await context.aws.s3control(region);
    return {
      name: `account ${AccountId}`,
      get: async () => (await client.send(new sdk.GetPublicAccessBlockCommand({ AccountId }))).PublicAccessBlockConfiguration,
      put: (config) => client.send(new sdk.PutPublicAccessBlockCommand({ AccountId, PublicAccessBlockConfiguration: config })),
    };
  }
  const Bucket = targetText(plan, 'bucket');
  if (!Bucket) return 'the plan names no bucket';
  const sdk = await import('@aws-sdk/client-s3');
  const client = await context.aws.s3(region);
  return {
    name: `bucket ${Bucket}`,
    get: async () => (await client.send(new sdk.GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration,
    put: (config) => client.send(new sdk.PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: config })),
  };
}

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const wanted = SETTINGS.filter((s) => targetList(plan, 'settings').includes(s));
  if (wanted.length === 0) return outcome.failed('the plan names no Block Public Access setting');
  const store = await storeFor(plan, regionOf(finding), context);
  if (typeof store === 'string') return outcome.failed(store);

  let before: Config;
  try {
    const read = await store.get();
    before = Object.fromEntries(SETTINGS.map((s) => [s, read?.[s] === true])) as Config;
  } catch (error) {
    if (!isAwsError(error, [NO_CONFIG])) return fromError(error, `reading Block Public Access of ${store.name}`, GONE, `${store.name} no longer exists`);
    before = ALL_OFF;
  }
  const turnOn = wanted.filter((s) => !before[s]);
  if (turnOn.length === 0) return outcome.alreadyFixed(`${wanted.join(', ')} already on for ${store.name}`);
  const after: Config = { ...before, ...Object.fromEntries(turnOn.map((s) => [s, true])) };
  try {
    await store.put(after);
  } catch (error) {
    return fromError(error, `writing Block Public Access of ${store.name}`, GONE, `${store.name} no longer exists`);
  }
  return outcome.done(`turned ${turnOn.join(', ')} back on for ${store.name}`, [{ target: store.name, before, after }]);
}

/** `aws-s3-restore-public-access-block`: turn the finding's Block Public Access settings back on. */
export const action: RemediationAction = {
  id: 'aws-s3-restore-public-access-block',
  cloud: 'aws',
  permissions: [
    's3:GetBucketPublicAccessBlock',
    's3:PutBucketPublicAccessBlock',
    's3:GetAccountPublicAccessBlock',
    's3:PutAccountPublicAccessBlock',
  ],
  // The account-level settings have no resource type in IAM: `*`, held to the own account by the condition.
  resources: ['arn:{partition}:s3:::*', '*'],
  accountCondition: true,
  target: t
    .target({ level: z.enum(['account', 'bucket']), accountId: t.accountId.optional(), bucket: t.bucketName.optional(), settings: z.array(z.string()) })
    .refine((p) => (p.level === 'account' ? p.accountId !== undefined : p.bucket !== undefined), 'the plan names no account or bucket for its level'),
  description:
    'Turns the Block Public Access settings the finding saw turned off back on, for the bucket or the account; the other settings are kept as they are.',
  apply: guarded('aws-s3-restore-public-access-block', apply),
};
