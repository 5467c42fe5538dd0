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
import type { Actor, AuditEvent, RecordSource } from '../types.js';
import { type CloudTrailRecord, cloudTrailRecordSchema, isCloudTrailEnvelope, type UserIdentity } from './aws-cloudtrail-envelope.js';
import { checkedEnvelope, envelopeProblem, normalizeTime, type ParsedRecord, type Writable } from './common.js';
import { asRecord } from '../lib/guards.js';

export { type CloudTrailRecord, cloudTrailRecordSchema } from './aws-cloudtrail-envelope.js';

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
  const envelope = checkedEnvelope<CloudTrailRecord>(record, isCloudTrailEnvelope, cloudTrailRecordSchema);
  if (!envelope.ok) return envelope;
  const r = envelope.data;
  const failed = Boolean(r.errorCode) || Boolean(r.errorMessage);
  const account = r.recipientAccountId ?? r.userIdentity?.accountId;
  // Set field by field, optional ones only when present, in the order findings print them
  // (an object literal with conditional spreads gives the same object, several times slower).
  const event: Writable<Partial<AuditEvent>> = {
    cloud: 'aws',
    id: r.eventID,
    time: r.eventTime ? normalizeTime(r.eventTime) : 'unknown',
    action: r.eventName,
    service: r.eventSource,
    outcome: failed ? 'failure' : 'success',
  };
  if (failed) {
    const code = r.errorCode ?? 'Error';
    event.error = r.errorMessage ? { code, message: r.errorMessage } : { code };
  }
  event.actor = cloudTrailActor(r.userIdentity, r.sourceIPAddress, r.userAgent);
  event.scope = account ? { account } : {};
  if (r.awsRegion) event.region = r.awsRegion;
  event.request = asRecord(r.requestParameters);
  event.response = asRecord(r.responseElements);
  if (source) event.source = source;
  event.raw = record;
  // Every required field is set above.
  return { ok: true, event: event as AuditEvent };
}

/**
 * The caller as CloudTrail's `userIdentity` element describes it, for every
 * identity type (CloudTrail user guide, "CloudTrail userIdentity element"):
 * `IAMUser`, `AssumedRole` (session issuer, session name, source identity,
 * web-identity provider), `FederatedUser`, `Root`, `IdentityCenterUser` and
 * identity-enhanced sessions (`onBehalfOf`), `SAMLUser` / `WebIdentityUser`
 * (`identityProvider`, `userName`), `AWSService` (`invokedBy`), and
 * `AWSAccount` (a caller from another account: `accountId`, `principalId`).
 *
 * Empty, `null` and absent values leave their field out. Fields are set one
 * by one in this order: findings print the actor as JSON, key order included.
 */
function cloudTrailActor(
  identity: UserIdentity | null | undefined,
  sourceIp: string | null | undefined,
  userAgent: string | null | undefined,
): Actor {
  const actor: Writable<Actor> = {};
  if (!identity) {
    if (sourceIp) actor.sourceIp = sourceIp;
    if (userAgent) actor.userAgent = userAgent;
    return actor;
  }
  const context = identity.sessionContext;
  const issuer = context?.sessionIssuer;
  const onBehalfOf = identity.onBehalfOf;
  const { principalId, type, arn, accountId } = identity;
  if (principalId) actor.id = principalId;
  const name = actorName(identity);
  if (name) actor.name = name;
  if (type) actor.type = type;
  if (arn) actor.arn = arn;
  const roleArn = issuer?.arn;
  if (roleArn) actor.roleArn = roleArn;
  if (accountId) actor.accountId = accountId;
  if (sourceIp) actor.sourceIp = sourceIp;
  if (userAgent) actor.userAgent = userAgent;
  const sessionName = sessionNameOf(arn);
  if (sessionName) actor.sessionName = sessionName;
  const issuerName = issuer?.userName;
  if (issuerName) actor.issuerName = issuerName;
  const sourceIdentity = context?.sourceIdentity;
  if (sourceIdentity) actor.sourceIdentity = sourceIdentity;
  const userId = onBehalfOf?.userId;
  if (userId) actor.onBehalfOf = userId;
  const identityStoreArn = onBehalfOf?.identityStoreArn;
  if (identityStoreArn) actor.identityStoreArn = identityStoreArn;
  const identityProvider = identity.identityProvider ?? context?.webIdFederationData?.federatedProvider;
  if (identityProvider) actor.identityProvider = identityProvider;
  if (identity.invokedBy) actor.invokedBy = identity.invokedBy;
  const credentialsIssuedTo = identity.inScopeOf?.credentialsIssuedTo;
  if (credentialsIssuedTo) actor.credentialsIssuedTo = credentialsIssuedTo;
  return actor;
}

const ASSUMED_ROLE = ':assumed-role/';
const FEDERATED_USER = ':federated-user/';

/**
 * The session name of an assumed-role or federated-user ARN (`…:assumed-role/Role/session`).
 *
 * String search for what `/:assumed-role\/[^/]+\/(.+)$/` and then
 * `/:federated-user\/(.+)$/` capture: at the first marker where it works, a
 * non-empty role up to the next `/` (assumed roles only), then a non-empty rest
 * with no line terminator (`.` matches none, and `$` is the end of the text).
 */
function sessionNameOf(arn: string | null | undefined): string | undefined {
  if (!arn) return undefined;
  for (let at = arn.indexOf(ASSUMED_ROLE); at >= 0; at = arn.indexOf(ASSUMED_ROLE, at + 1)) {
    const role = at + ASSUMED_ROLE.length;
    const slash = arn.indexOf('/', role);
    if (slash > role && isSingleLine(arn, slash + 1)) return arn.slice(slash + 1);
  }
  for (let at = arn.indexOf(FEDERATED_USER); at >= 0; at = arn.indexOf(FEDERATED_USER, at + 1)) {
    const name = at + FEDERATED_USER.length;
    if (isSingleLine(arn, name)) return arn.slice(name);
  }
  return undefined;
}

/** True when `text` from `start` on is not empty and holds no line terminator (what `(.+)$` needs). */
function isSingleLine(text: string, start: number): boolean {
  if (start >= text.length) return false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return false;
  }
  return true;
}

/**
 * A readable caller name: the user, `role/session`, `root`, the Identity
 * Center user, the federated user name, the invoking service, or the
 * calling account.
 */
function actorName(identity: UserIdentity): string | null | undefined {
  const { type, arn } = identity;
  if (type === 'Root') return 'root';
  if (type === 'AssumedRole' && arn) {
    // Everything after the first `/` (`role/session`); the whole ARN when there is nothing after it, or no `/`.
    return arn.slice(arn.indexOf('/') + 1) || arn;
  }
  if (type === 'IdentityCenterUser' && identity.onBehalfOf?.userId) return identity.onBehalfOf.userId;
  if (type === 'AWSAccount') return identity.principalId ?? identity.accountId;
  // The last segment of the ARN (all of it without a `/`).
  const arnName = arn === null || arn === undefined ? undefined : arn.slice(arn.lastIndexOf('/') + 1);
  return identity.userName ?? arnName ?? identity.invokedBy ?? identity.principalId;
}
