/**
 * The record parsers as they were before the hand-written envelope checks:
 * every record through the zod schema, the actor and scope built with
 * `compact`, times through `Date.parse`. Kept verbatim (only renamed) as the
 * reference that `envelope-fast-path.fuzz.test.ts` holds the fast path to,
 * result for result, rejection reason included.
 */
import type { z } from 'zod';
import { type CloudTrailRecord, cloudTrailRecordSchema } from '../../shared/formats/aws-cloudtrail-envelope.js';
import { describeZodError, isTrueFlag, normalizeTimeByDateParse, type ParsedRecord } from '../../shared/formats/common.js';
import { yandexEventSchema } from '../../shared/formats/yandex-envelope.js';
import { asRecord } from '../../shared/lib/guards.js';
import type { Actor, AuditEvent, Outcome, RecordSource, Scope } from '../../shared/types.js';

type UserIdentity = CloudTrailRecord['userIdentity'];
type YandexEvent = z.infer<typeof yandexEventSchema>;

/** `compact` as it was: `Object.entries`, keeping truthy values. */
export function compact<T extends Record<string, string | null | undefined>>(fields: T): { [K in keyof T]?: string } {
  const out: { [K in keyof T]?: string } = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value) out[key as keyof T] = value;
  }
  return out;
}

/** Validate one raw CloudTrail record and normalize it. */
export function zodOnlyCloudTrailRecord(
  record: unknown,
  source?: RecordSource,
): ParsedRecord {
  const parsed = cloudTrailRecordSchema.safeParse(record);
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) };
  const r = parsed.data;
  const failed = Boolean(r.errorCode) || Boolean(r.errorMessage);
  const event: AuditEvent = {
    cloud: 'aws',
    id: r.eventID,
    time: r.eventTime ? normalizeTimeByDateParse(r.eventTime) : 'unknown',
    action: r.eventName,
    service: r.eventSource,
    outcome: failed ? 'failure' : 'success',
    ...(failed && {
      error: {
        code: r.errorCode ?? 'Error',
        ...(r.errorMessage ? { message: r.errorMessage } : {}),
      },
    }),
    actor: cloudTrailActor(r.userIdentity, r.sourceIPAddress, r.userAgent),
    scope: compact({ account: r.recipientAccountId ?? r.userIdentity?.accountId }),
    ...(r.awsRegion ? { region: r.awsRegion } : {}),
    request: asRecord(r.requestParameters),
    response: asRecord(r.responseElements),
    ...(source ? { source } : {}),
    raw: record,
  };
  return { ok: true, event };
}

/**
 * The caller as CloudTrail's `userIdentity` element describes it, for every
 * identity type (CloudTrail user guide, "CloudTrail userIdentity element"):
 * `IAMUser`, `AssumedRole` (session issuer, session name, source identity,
 * web-identity provider), `FederatedUser`, `Root`, `IdentityCenterUser` and
 * identity-enhanced sessions (`onBehalfOf`), `SAMLUser` / `WebIdentityUser`
 * (`identityProvider`, `userName`), `AWSService` (`invokedBy`), and
 * `AWSAccount` (a caller from another account: `accountId`, `principalId`).
 */
function cloudTrailActor(
  identity: UserIdentity | null | undefined,
  sourceIp: string | null | undefined,
  userAgent: string | null | undefined,
): Actor {
  const context = identity?.sessionContext;
  const issuer = context?.sessionIssuer;
  return compact({
    id: identity?.principalId,
    name: actorName(identity),
    type: identity?.type,
    arn: identity?.arn,
    roleArn: issuer?.arn,
    accountId: identity?.accountId,
    sourceIp,
    userAgent,
    sessionName: sessionNameOf(identity),
    issuerName: issuer?.userName,
    sourceIdentity: context?.sourceIdentity,
    onBehalfOf: identity?.onBehalfOf?.userId,
    identityStoreArn: identity?.onBehalfOf?.identityStoreArn,
    identityProvider: identity?.identityProvider ?? context?.webIdFederationData?.federatedProvider,
    invokedBy: identity?.invokedBy,
    credentialsIssuedTo: identity?.inScopeOf?.credentialsIssuedTo,
  });
}

/** The session name of an assumed-role or federated-user ARN (`…:assumed-role/Role/session`). */
function sessionNameOf(identity: UserIdentity | null | undefined): string | undefined {
  const arn = identity?.arn;
  if (!arn) return undefined;
  const assumed = /:assumed-role\/[^/]+\/(.+)$/.exec(arn);
  if (assumed) return assumed[1];
  return /:federated-user\/(.+)$/.exec(arn)?.[1];
}

/**
 * A readable caller name: the user, `role/session`, `root`, the Identity
 * Center user, the federated user name, the invoking service, or the
 * calling account.
 */
function actorName(identity: UserIdentity | null | undefined): string | undefined {
  if (!identity) return undefined;
  if (identity.type === 'Root') return 'root';
  if (identity.type === 'AssumedRole' && identity.arn) {
    return identity.arn.split('/').slice(1).join('/') || identity.arn;
  }
  if (identity.type === 'IdentityCenterUser' && identity.onBehalfOf?.userId) return identity.onBehalfOf.userId;
  if (identity.type === 'AWSAccount') return identity.principalId ?? identity.accountId ?? undefined;
  return identity.userName ?? identity.arn?.split('/').pop() ?? identity.invokedBy ?? identity.principalId ?? undefined;
}

/** Validate one raw Audit Trails event and normalize it. */
export function zodOnlyYandexEvent(record: unknown, source?: RecordSource): ParsedRecord {
  const parsed = yandexEventSchema.safeParse(record);
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) };
  const e = parsed.data;
  const outcome = yandexOutcome(e);
  const failed = outcome === 'failure';
  const code = e.error?.code ?? (failed ? (e.event_status ?? 'ERROR') : undefined);
  const event: AuditEvent = {
    cloud: 'yandex',
    id: e.event_id,
    time: e.event_time ? normalizeTimeByDateParse(e.event_time) : 'unknown',
    action: e.event_type,
    service: e.event_source ?? e.event_type.split('.')[3] ?? 'unknown',
    outcome,
    ...(code !== undefined && failed
      ? { error: { code: String(code), ...(e.error?.message ? { message: e.error.message } : {}) } }
      : {}),
    actor: yandexActor(e),
    scope: yandexScope(e),
    request: asRecord(e.details),
    response: asRecord(e.response),
    ...(source ? { source } : {}),
    raw: record,
  };
  return { ok: true, event };
}

/**
 * The caller from `authentication` (Audit Trails event format):
 * `YANDEX_PASSPORT_USER_ACCOUNT`, `SERVICE_ACCOUNT`, or
 * `FEDERATED_USER_ACCOUNT` with its federation (`federation_id`,
 * `federation_name`), plus an impersonator when one acted as the subject
 * (`impersonator_info`, or `token_info` on the events-ref pages).
 */
function yandexActor(e: YandexEvent): Actor {
  const auth = e.authentication;
  const imp = auth?.impersonator_info;
  const token = auth?.token_info;
  return compact({
    id: auth?.subject_id,
    name: auth?.subject_name,
    type: auth?.subject_type,
    sourceIp: e.request_metadata?.remote_address,
    userAgent: e.request_metadata?.user_agent,
    federationId: auth?.federation_id,
    federationName: auth?.federation_name,
    impersonatorId: imp?.impersonator_id ?? token?.impersonator_id,
    impersonatorName: imp?.name ?? token?.impersonator_name,
    impersonatorType: imp?.type ?? token?.impersonator_type,
  });
}

/** `DONE` and authorized → success; `STARTED`/`RUNNING` → in progress; the rest failed. */
function yandexOutcome(e: YandexEvent): Outcome {
  const status = (e.event_status ?? '').toUpperCase();
  const authorized = e.authorization?.authorized;
  if (authorized !== undefined && authorized !== null && !isTrueFlag(authorized)) return 'failure';
  if (status === 'DONE') return 'success';
  if (status === 'STARTED' || status === 'RUNNING') return 'in-progress';
  return 'failure';
}

/** Organization, cloud and folder found by resource type, never by position. */
function yandexScope(e: YandexEvent): Scope {
  const path = e.resource_metadata?.path ?? [];
  const find = (type: string) => path.find((p) => p.resource_type === type);
  const org = find('organization-manager.organization');
  const cloud = find('resource-manager.cloud');
  const folder = find('resource-manager.folder');
  return compact({
    organization: org?.resource_id,
    cloud: cloud?.resource_id,
    cloudName: cloud?.resource_name,
    folder: folder?.resource_id,
    folderName: folder?.resource_name,
  });
}
