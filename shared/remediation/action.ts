/**
 * The remediation contract. One action per file
 * (`shared/remediation/<cloud>-<verb>-<object>.ts`), declared as data plus
 * one function: `apply` undoes exactly the evidence of a finding (that rule,
 * that grant, that binding), keeps everything else, and reports
 * `already-fixed` when the target is gone. `apply` is only called in
 * enforce mode; dry-run never reaches an action.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3ControlClient } from '@aws-sdk/client-s3-control';
import type { STSClient } from '@aws-sdk/client-sts';
import type { z } from 'zod';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { EFSClient } from '@aws-sdk/client-efs';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../log.js';
import type { Cloud, Finding, JsonValue, RemediationOutcome, RemediationPlan } from '../types.js';

export type { RemediationOutcome, RemediationStatus } from '../types.js';

/** SDK clients per region, created (and their modules loaded) on first use. */
export interface AwsClients {
  ec2(region: string): Promise<EC2Client>;
  s3(region: string): Promise<S3Client>;
  s3control(region: string): Promise<S3ControlClient>;
  iam(): Promise<IAMClient>;
  rds(region: string): Promise<RDSClient>;
  /** STS, for `GetCallerIdentity` (the account the credentials belong to). */
  sts?(region: string): Promise<STSClient>;
  // Issue #14 (tampering and public-resource actions). Optional so that
  // test doubles written before them stay valid; `createAwsClients` has all.
  cloudtrail?(region: string): Promise<CloudTrailClient>;
  lambda?(region: string): Promise<LambdaClient>;
  kms?(region: string): Promise<KMSClient>;
  sqs?(region: string): Promise<SQSClient>;
  sns?(region: string): Promise<SNSClient>;
  secretsManager?(region: string): Promise<SecretsManagerClient>;
  ecr?(region: string): Promise<ECRClient>;
  efs?(region: string): Promise<EFSClient>;
}

/** A JSON call to a Yandex Cloud REST API with the function's IAM token. */
export interface YandexApi {
  /** Base URL per API (`vpc`, `storage`, `resource-manager`, `iam`, `lockbox`, `kms`, `organization-manager`). */
  url(api: string, path: string): string;
  /** `options.signal` cuts the call (the action's deadline), in addition to the API's own timeout. */
  request(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, options?: { readonly signal?: AbortSignal }): Promise<{ status: number; body: unknown }>;
}

/** What an action may use. */
export interface ActionContext {
  readonly aws: AwsClients;
  readonly yandex: YandexApi;
  readonly logger: Logger;
  /**
   * Aborted at the action's deadline. The remediation gate also binds it to
   * every SDK `send` and Yandex request made through `aws` and `yandex`, so
   * an action needs to pass it only to calls made some other way.
   */
  readonly signal?: AbortSignal;
}

/** A remediation action. */
export interface RemediationAction {
  /** The plan `action` it handles, e.g. `aws-revoke-sg-ingress`. */
  readonly id: string;
  readonly cloud: Cloud;
  /** IAM actions (`service:Action`) or Yandex roles the action needs. */
  readonly permissions: readonly string[];
  /**
   * AWS: the resource ARN patterns `permissions` apply to (the generated role
   * is scoped to them). `{partition}` and `{account}` stand for the
   * responder's own partition and account; a `*` region is narrowed by the
   * `aws:RequestedRegion` condition when `remediation.regions` is set.
   * Yandex: the scope each role must be bound on (documented for deploy).
   */
  readonly resources: readonly string[];
  /**
   * Set when undoing the finding breaks legitimate users (why, in a few
   * words): the action runs, and its permissions are granted, only with
   * `remediation.allowBreakingChanges: true`. @default not breaking
   */
  readonly breaking?: string;
  /** AWS: the ARNs carry no account (S3 buckets, EC2 snapshots and images), so the statement is conditioned on `aws:ResourceAccount`. @default false */
  readonly accountCondition?: boolean;
  /**
   * The schema of the plan target: every identifier it sends to an API,
   * with the grammar of its resource type (see `lib/targets.ts`). The
   * remediation gate validates the plan against it before `apply`; a plan
   * that fails is `skipped` with the reason, on every cloud.
   */
  readonly target: z.ZodTypeAny;
  /** One line for the README and the alert: what it changes. */
  readonly description: string;
  /** Undo exactly the plan's target. Never throws: failures are outcomes. */
  apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome>;
}

/** Helpers for building outcomes. */
export const outcome = {
  done: (reason: string, changes: readonly JsonValue[] = []): RemediationOutcome => ({ status: 'done', reason, changes }),
  alreadyFixed: (reason: string): RemediationOutcome => ({ status: 'already-fixed', reason }),
  failed: (reason: string): RemediationOutcome => ({ status: 'failed', reason }),
  skipped: (reason: string): RemediationOutcome => ({ status: 'skipped', reason }),
} as const;

/** The AWS error name of an SDK error (`InvalidPermission.NotFound`, `NoSuchEntity`, ...). */
export function awsErrorName(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string };
  return e.Code ?? e.code ?? e.name ?? 'Error';
}
