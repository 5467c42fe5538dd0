/**
 * The configuration: one typed object, validated with zod, every field with
 * its default. Unknown keys are rejected so a typo fails at start, by name.
 * Each default is written once, on its field: an absent block defaults to
 * `{}`, which zod parses, so the block gets its fields' defaults.
 */
import { z } from 'zod';
import { looseObject, strictObject } from '../lib/zod.js';
import { SEVERITIES } from '../types.js';

const severity = z.enum(SEVERITIES);

/** Per-rule switches. */
const ruleSettingsSchema = strictObject({
  /** Whether the rule runs. @default true */
  enabled: z.boolean().default(true),
  /** Replace the rule's severity (evidence-based raises are then ignored). */
  severity: severity.optional(),
  /** Let the responder undo this rule's findings (see `remediation.mode`). @default false */
  remediate: z.boolean().default(false),
});

/**
 * An allow-list entry: a pattern (`*` matches any run of characters, the
 * rest is literal) and an optional reason shown with suppressed findings.
 */
const allowEntrySchema = z.union([
  z.string().min(1),
  strictObject({ pattern: z.string().min(1), reason: z.string().optional() }),
]);

/** Where log objects are read from. Credentials come from the SDK's default chain. */
const storageSchema = strictObject({
  /** S3 endpoint; set `https://storage.yandexcloud.net` for Yandex Object Storage. @default the AWS endpoint of `region` */
  endpoint: z.string().url().optional(),
  /** @default 'us-east-1' (Yandex: 'ru-central1') */
  region: z.string().min(1).default('us-east-1'),
  /** Path-style addressing, needed by most S3-compatible servers. @default false */
  forcePathStyle: z.boolean().default(false),
  /** Largest object accepted, after decompression, in bytes. @default 536870912 (512 MiB) */
  maxObjectBytes: z.number().int().positive().default(512 * 1024 * 1024),
  /** Largest single record accepted, in bytes; a larger one is rejected alone. @default 16777216 (16 MiB) */
  maxRecordBytes: z.number().int().positive().optional(),
});

/** Remediation: off unless switched on per rule; `dry-run` plans but changes nothing. */
const remediationSchema = strictObject({
  /** `off`: no plans run; `dry-run`: report what would be done; `enforce`: do it. @default 'dry-run' */
  mode: z.enum(['off', 'dry-run', 'enforce']).default('dry-run'),
  /** Principals and resources that are never touched (patterns as in `allow`). */
  protect: strictObject({
      principals: z.array(allowEntrySchema).default([]),
      resources: z.array(allowEntrySchema).default([]),
    })
    .default({}),
  /** The responder's own identities (ARN, id or name patterns): their events are never remediated. @default [] */
  selfPrincipals: z.array(z.string().min(1)).default([]),
  /** Yandex Cloud API host overrides by API name (`vpc`, `storage`, `resource-manager`, ...). @default {} */
  yandexApiHosts: z.record(z.string(), z.string().url()).default({}),
  /** AWS: the account the responder's credentials are in; only its events are acted on. @default learned with STS `GetCallerIdentity` */
  accountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
  /** AWS: the regions remediation may act in (also a condition of the generated role); IAM is global. @default any region */
  regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region name')).optional(),
  /** Yandex: the cloud the service account acts in; events of other clouds are not acted on. @default not checked (the API's refusal decides) */
  cloudId: z.string().min(1).optional(),
  /** Yandex: the folders the service account acts in; events of other folders are not acted on. @default not checked */
  folderIds: z.array(z.string().min(1)).optional(),
  /** Let actions run that break legitimate users (e.g. a function URL switched to AWS_IAM refuses unsigned callers). @default false */
  allowBreakingChanges: z.boolean().optional(),
});

/** One audit trail whose destination the tampering rules watch. */
const trailSchema = strictObject({
  /** `aws` or `yandex`. @default 'aws' */
  cloud: z.enum(['aws', 'yandex']).default('aws'),
  /** AWS trail name or ARN / Yandex trail id. */
  name: z.string().min(1),
  /** Destination bucket. */
  bucket: z.string().min(1).optional(),
  /** Object prefix in the bucket. */
  prefix: z.string().optional(),
  /** AWS KMS key id, ARN or alias the trail encrypts with. */
  kmsKeyId: z.string().min(1).optional(),
  /** CloudWatch Logs group ARN / Yandex Cloud Logging group id. */
  logGroup: z.string().min(1).optional(),
});

/** The silence alarm (dead-man switch): off unless this block is present. */
const heartbeatSchema = strictObject({
  /** Alert when no log object arrived under a prefix for this long. @default 60 */
  maxSilenceMinutes: z.number().int().positive().default(60),
  /** Log prefixes to watch, as `bucket/prefix` (e.g. `acme-trail/AWSLogs/111122223333/CloudTrail/`). */
  prefixes: z.array(z.string().regex(/^[^/]+\/.*/, 'must be bucket/prefix')).min(1),
});

/** Sigma rules run beside the built-in ones (see docs/sigma.md). */
const sigmaSchema = strictObject({
  /** Files or folders of `.yml` rules, walked recursively; relative paths resolve against the config file. @default [] */
  paths: z.array(z.string().min(1)).default([]),
  /** Warn once per refused file and go on, instead of failing the start (exit 78). @default false */
  skipUnsupported: z.boolean().default(false),
});

/** The whole configuration. */
export const configSchema = strictObject({
  /** Deployment settings of a stage file, read by serverless.yml; ignored at run time. */
  deploy: looseObject({}).optional(),
  /** Per-rule settings keyed by rule id. @default {} (every rule on, its own severity) */
  rules: z.record(z.string(), ruleSettingsSchema).default({}),
  /** Findings whose actor or resource matches are kept but not alerted, with the reason. */
  allow: strictObject({
      /** Actor ARN, id or name patterns (e.g. `arn:aws:iam::*:role/terraform-*`). @default [] */
      principals: z.array(allowEntrySchema).default([]),
      /** Resource id, name or ARN patterns (e.g. `public-website-*`). @default [] */
      resources: z.array(allowEntrySchema).default([]),
    })
    .default({}),
  /**
   * AWS account ids that are ours: trust to them is not a grant to outsiders.
   * The account a record was logged in always counts as ours. @default []
   */
  ownAccounts: z.array(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id')).default([]),
  /** Audit trails whose bucket, key and log group are watched for tampering (more are learned from CreateTrail/UpdateTrail). @default none */
  trails: z.array(trailSchema).optional(),
  /** Tampering thresholds. */
  tampering: strictObject({
      /** A lifecycle rule on a trail bucket that expires objects in fewer days is tampering. @default 30 */
      minLogRetentionDays: z.number().int().positive().default(30),
      /** Read the account's trails with `cloudtrail:DescribeTrails` at cold start (the role gets the permission). @default false */
      describeTrails: z.boolean().default(false),
    })
    .optional(),
  /** Silence alarm; absent = off. */
  heartbeat: heartbeatSchema.optional(),
  remediation: remediationSchema.default({}),
  storage: storageSchema.default({}),
  /** Sigma rules; absent means none. */
  sigma: sigmaSchema.optional(),
});

/** The validated configuration, defaults filled in. */
export type Config = z.infer<typeof configSchema>;
/** What a config file may contain (every field optional). */
export type ConfigInput = z.input<typeof configSchema>;
/** One allow-list entry as configured. */
export type AllowEntry = z.infer<typeof allowEntrySchema>;
