/**
 * The contracts every part of audit-responder speaks: the normalized
 * {@link AuditEvent} that parsers produce, the {@link Rule} that matches it,
 * and the {@link Finding} that rules return and notifiers render.
 */

/** Clouds whose audit logs we read. */
export const CLOUDS = ['aws', 'yandex'] as const;
export type Cloud = (typeof CLOUDS)[number];

/**
 * The finding families: the three mission families, `audit-tampering` (the
 * audit trail blinded: stopped, deleted, narrowed, its bucket or key
 * destroyed), `public-resource` (a non-bucket resource made public or shared
 * with an outside account), and `sigma` for matches of user-supplied Sigma rules.
 */
export const CATEGORIES = ['public-bucket', 'sg-open', 'role-grant', 'audit-tampering', 'public-resource', 'sigma'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Severities, ordered from least to most severe: compare by index. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Whether the audited call took effect. Only `success` can be a finding. */
export const OUTCOMES = ['success', 'failure', 'in-progress'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Who made the call, as far as the log tells. */
export interface Actor {
  /** AWS principalId / Yandex subject_id. */
  readonly id?: string;
  /** IAM user name, role session name, Yandex subject_name. */
  readonly name?: string;
  /** `IAMUser`, `AssumedRole`, `Root`, `YANDEX_PASSPORT_USER_ACCOUNT`, ... */
  readonly type?: string;
  /** AWS ARN of the caller (assumed-role session ARN for roles). */
  readonly arn?: string;
  /** AWS: the ARN of the role behind an assumed-role session. */
  readonly roleArn?: string;
  /** AWS account id of the caller. */
  readonly accountId?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  /** AWS assumed-role or federated session name (the part after the role in the session ARN). */
  readonly sessionName?: string;
  /** AWS session issuer name: the role (or IAM user for `FederatedUser`) behind the session. */
  readonly issuerName?: string;
  /** AWS `sts:SourceIdentity` of the session: the person or workload that started it. */
  readonly sourceIdentity?: string;
  /** AWS IAM Identity Center user id (`onBehalfOf.userId`) the call was made for. */
  readonly onBehalfOf?: string;
  /** AWS IAM Identity Center identity store ARN (`onBehalfOf.identityStoreArn`). */
  readonly identityStoreArn?: string;
  /** AWS SAML or web-identity provider (`identityProvider`, `webIdFederationData.federatedProvider`). */
  readonly identityProvider?: string;
  /** AWS service that made the call (`invokedBy`), e.g. `s3.amazonaws.com`. */
  readonly invokedBy?: string;
  /** AWS `inScopeOf.credentialsIssuedTo`: the resource the service credentials were issued to. */
  readonly credentialsIssuedTo?: string;
  /** Yandex federation of a `FEDERATED_USER_ACCOUNT`. */
  readonly federationId?: string;
  readonly federationName?: string;
  /** Yandex impersonator (a subject acting as another): id, name and type. */
  readonly impersonatorId?: string;
  readonly impersonatorName?: string;
  readonly impersonatorType?: string;
}

/** Where the change happened: AWS account, or Yandex organization/cloud/folder. */
export interface Scope {
  readonly account?: string;
  readonly organization?: string;
  readonly cloud?: string;
  readonly cloudName?: string;
  readonly folder?: string;
  readonly folderName?: string;
}

/** Where a record came from: the log object and its position in it. */
export interface RecordSource {
  readonly key: string;
  readonly index: number;
}

/** One audit-log record, normalized across clouds. `raw` keeps the record as read. */
export interface AuditEvent {
  readonly cloud: Cloud;
  /** CloudTrail `eventID` / Yandex `event_id`. */
  readonly id: string;
  /** ISO-8601 UTC when the record's time parses, else as written; `unknown` when absent. */
  readonly time: string;
  /** CloudTrail `eventName` (e.g. `PutBucketAcl`) / Yandex `event_type` (full). */
  readonly action: string;
  /** CloudTrail `eventSource` (`s3.amazonaws.com`) / Yandex `event_source` (`storage`). */
  readonly service: string;
  readonly outcome: Outcome;
  /** Error code and message of a failed call. */
  readonly error?: { readonly code: string; readonly message?: string };
  readonly actor: Actor;
  readonly scope: Scope;
  readonly region?: string;
  /** CloudTrail `requestParameters` / Yandex `details` (never null: `{}` when absent). */
  readonly request: Readonly<Record<string, unknown>>;
  /** CloudTrail `responseElements` / Yandex `response` (never null: `{}` when absent). */
  readonly response: Readonly<Record<string, unknown>>;
  readonly source?: RecordSource;
  readonly raw: unknown;
}

/** The thing a finding is about. */
export interface Resource {
  /** e.g. `s3-bucket`, `security-group`, `iam-user`, `yandex-folder`. */
  readonly type: string;
  /** A stable id: bucket name, sg id, ARN, Yandex resource id. */
  readonly id: string;
  readonly name?: string;
  /** Console deep link, when one can be built. */
  readonly consoleUrl?: string;
}

/** JSON-safe value used in evidence and plan targets. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** What made the event dangerous: a one-line summary and the exact data. */
export interface Evidence {
  /** One line for people: `tcp/22 from 0.0.0.0/0 (sgr-0abc)`. */
  readonly summary: string;
  /** The exact grant, CIDR, statement, policy ARN or binding. */
  readonly details: { readonly [key: string]: JsonValue };
}

/** How the change could be undone: an action id and its exact target. */
export interface RemediationPlan {
  /** Remediation action id, e.g. `aws-revoke-sg-ingress`. */
  readonly action: string;
  /** The exact target: ids, grants, statements, bindings. */
  readonly target: { readonly [key: string]: JsonValue };
  /** One line for people: what the action would change. */
  readonly summary: string;
}

/** What happened to a remediation plan. */
export const REMEDIATION_STATUSES = ['done', 'already-fixed', 'would-do', 'skipped', 'failed'] as const;
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];

/** The outcome of a plan, shown in notifications and in `scan --format json`. */
export interface RemediationOutcome {
  readonly status: RemediationStatus;
  /** Why: what was changed, what would be, or why nothing was. */
  readonly reason: string;
  /** The exact changes made (for the structured log). */
  readonly changes?: readonly JsonValue[];
  /** Not applied for a passing reason (ledger unreachable, another invocation's live claim): a retry of the delivery may apply it. */
  readonly retryable?: boolean;
}

/** A dangerous change found in one event. */
export interface Finding {
  readonly ruleId: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly title: string;
  readonly event: AuditEvent;
  readonly resource: Resource;
  readonly evidence: Evidence;
  readonly remediation: RemediationPlan | null;
  /** `ruleId` + event id + resource id: stable across re-deliveries. */
  readonly dedupKey: string;
  /** Set when an allow-list entry matched: the finding is kept but not alerted. */
  readonly suppressed?: { readonly reason: string };
  /** Set once remediation ran (or decided not to). */
  readonly remediationOutcome?: RemediationOutcome;
  /** Set on findings of Sigma rules: the rule's metadata (its author must be shown in every alert). */
  readonly sigma?: SigmaInfo;
}

/** The Sigma rule behind a finding. */
export interface SigmaInfo {
  readonly id: string;
  readonly title: string;
  readonly author: string;
  readonly level: string;
  readonly status?: string;
  readonly references: readonly string[];
  readonly tags: readonly string[];
  /** The rule file. */
  readonly file: string;
  /** `correlation` for a correlation rule's finding. */
  readonly kind?: 'detection' | 'correlation';
  /** Only an input of a correlation rule (`generate: false`): never alerted on its own. */
  readonly correlationInput?: boolean;
}

/** What a rule may consult besides the event. */
export interface RuleContext {
  /** AWS account ids that are ours (trust to them is not a grant to outsiders). */
  readonly ownAccounts: ReadonlySet<string>;
  /**
   * Which buckets, prefixes, KMS keys and log groups belong to audit trails
   * (config `trails:`, plus what CreateTrail/UpdateTrail events taught during
   * this run). Read by the `audit-tampering` rules; absent means "none known".
   */
  readonly trails?: TrailContext;
  /** Lifecycle expirations shorter than this many days on a trail bucket are tampering. @default 30 */
  readonly minLogRetentionDays?: number;
}

/** A detection rule. One per file under `shared/rules/`, id = file name. */
export interface Rule {
  readonly id: string;
  readonly cloud: Cloud;
  readonly category: Category;
  /** Base severity; `match` may raise it from the evidence. */
  readonly severity: Severity;
  readonly title: string;
  /** What an on-call person should do, in one or two sentences. */
  readonly runbook: string;
  /** Prefilter: the event actions this rule looks at. */
  readonly actions: readonly string[];
  /** Remediation action ids its plans may name (drives the generated IAM policy). */
  readonly remediations: readonly string[];
  /** Pure and synchronous; returns `[]` unless the call succeeded. */
  match(event: AuditEvent, context: RuleContext): Finding[];
}

/** Index of a severity in {@link SEVERITIES}. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The more severe of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** Trail context (see shared/rules/lib/trail-context.ts): what the rules know about audit trails. */
/** What is known about one trail. Every field but `cloud` and `name` may be unknown. */
export interface TrailInfo {
  readonly cloud: Cloud;
  /** AWS trail name (or ARN) / Yandex trail id. */
  readonly name: string;
  readonly arn?: string;
  /** Destination bucket (AWS `s3BucketName`, Yandex `bucket_id`). */
  readonly bucket?: string;
  /** Object prefix inside the bucket. */
  readonly prefix?: string;
  /** AWS `kmsKeyId` as configured (id, ARN or alias). */
  readonly kmsKeyId?: string;
  /** CloudWatch Logs group ARN / Yandex Cloud Logging group id. */
  readonly logGroup?: string;
  readonly multiRegion?: boolean;
  readonly globalServiceEvents?: boolean;
  readonly logFileValidation?: boolean;
  /** Yandex: resource ids the management-events filter covers. */
  readonly scopes?: readonly string[];
}

/** Read-only view the rules get. */
export interface TrailContext {
  /** The trail named `name` (AWS name or ARN, Yandex id or name). */
  trail(name: string): TrailInfo | undefined;
  /** The trails writing to `bucket`. */
  byBucket(bucket: string): readonly TrailInfo[];
  /** The trails encrypted with this key (id, ARN or alias). */
  byKmsKey(key: string): readonly TrailInfo[];
  /** The trails delivering to this log group (id or ARN). */
  byLogGroup(group: string): readonly TrailInfo[];
  /** Every known trail. */
  all(): readonly TrailInfo[];
}
