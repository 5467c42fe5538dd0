/**
 * AWS CloudTrail records → {@link AuditEvent}.
 *
 * A delivery file is gzipped JSON `{"Records":[…]}`. One record:
 *
 * ```json
 * {"eventVersion":"1.09","eventID":"8c1f…","eventTime":"2026-10-01T12:00:00Z",
 *  "eventSource":"ec2.amazonaws.com","eventName":"AuthorizeSecurityGroupIngress",
 *  "awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15",
 *  "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/dev",
 *                  "accountId":"111122223333","userName":"dev"},
 *  "requestParameters":{"groupId":"sg-0a1b","ipPermissions":{…}},
 *  "responseElements":{"_return":true,"securityGroupRuleSet":{…}},
 *  "recipientAccountId":"111122223333"}
 * ```
 *
 * Only the envelope is validated here; rules validate the request fields they read.
 */
import { z } from 'zod';
import { looseObject } from '../lib/zod.js';
import type { Actor, AuditEvent, RecordSource } from '../types.js';
import { compact, describeZodError, envelopeProblem, normalizeTime, type ParsedRecord } from './common.js';
import { asRecord } from '../lib/guards.js';

const text = z.string();
const optionalText = z.string().nullish();
const lenientText = z.string().nullish().catch(undefined);

const sessionIssuerSchema = looseObject({
  type: optionalText,
  arn: optionalText,
  userName: optionalText,
  accountId: optionalText,
});

const userIdentitySchema = looseObject({
  type: optionalText,
  principalId: optionalText,
  arn: optionalText,
  accountId: optionalText,
  userName: optionalText,
  invokedBy: optionalText,
  // Attribution-only fields: an odd value drops the field, never the record.
  identityProvider: lenientText,
  onBehalfOf: looseObject({ userId: lenientText, identityStoreArn: lenientText }).nullish().catch(undefined),
  inScopeOf: looseObject({ credentialsIssuedTo: lenientText }).nullish().catch(undefined),
  sessionContext: looseObject({
    sessionIssuer: sessionIssuerSchema.nullish(),
    sourceIdentity: lenientText,
    webIdFederationData: looseObject({ federatedProvider: lenientText }).nullish().catch(undefined),
  }).nullish(),
});

/** The CloudTrail envelope fields we rely on. Unknown fields are kept in `raw`. */
export const cloudTrailRecordSchema = looseObject({
  eventID: text.min(1),
  eventName: text.min(1),
  eventSource: text.min(1),
  eventTime: optionalText,
  awsRegion: optionalText,
  sourceIPAddress: optionalText,
  userAgent: optionalText,
  errorCode: optionalText,
  errorMessage: optionalText,
  recipientAccountId: optionalText,
  userIdentity: userIdentitySchema.nullish(),
  requestParameters: z.unknown().optional(),
  responseElements: z.unknown().optional(),
});

export type CloudTrailRecord = z.infer<typeof cloudTrailRecordSchema>;
type UserIdentity = z.infer<typeof userIdentitySchema>;

/** The action of a raw record without validating it (for the rule prefilter). */
export function cloudTrailAction(record: unknown): string | undefined {
  const name = (record as { eventName?: unknown } | null)?.eventName;
  return typeof name === 'string' ? name : undefined;
}

const ENVELOPE = ['eventID', 'eventName', 'eventSource'] as const;

/** The first bad envelope field of a record no rule reads, or `undefined`. */
export function cloudTrailEnvelopeProblem(record: unknown): string | undefined {
  return envelopeProblem(record, ENVELOPE);
}

/** Validate one raw CloudTrail record and normalize it. */
export function parseCloudTrailRecord(
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
    time: r.eventTime ? normalizeTime(r.eventTime) : 'unknown',
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
