/**
 * The CloudTrail envelope: the zod schema that defines it (and words every
 * rejection), and a hand-written check that agrees with it for the records
 * that pass, at a fraction of the cost.
 *
 * zod's passthrough objects copy every record and every nested object on the
 * way in; most records are well formed, so {@link isCloudTrailEnvelope} first
 * checks the record in place with plain `typeof` tests and, when it is sure,
 * the record itself serves as the parsed data. Anything it is not sure of
 * (a missing or odd field, a lenient field zod would drop) goes to the schema,
 * so results and rejection reasons stay zod's.
 */
import { z } from 'zod';
import { looseObject } from '../lib/zod.js';
import { isPlainObject } from '../lib/plain-json.js';
import { isNonEmptyText, isOptionalText } from './envelope-checks.js';

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
export type UserIdentity = z.infer<typeof userIdentitySchema>;

/**
 * True when {@link cloudTrailRecordSchema} accepts the record and its output
 * holds the same value as the record in every field the schema declares, so
 * the record can be read as the parsed data. False means "ask the schema":
 * the record may be invalid, or valid with a lenient field zod would drop.
 */
export function isCloudTrailEnvelope(record: unknown): record is CloudTrailRecord {
  if (!isPlainObject(record)) return false;
  const identity = record.userIdentity;
  return (
    isNonEmptyText(record.eventID) &&
    isNonEmptyText(record.eventName) &&
    isNonEmptyText(record.eventSource) &&
    isOptionalText(record.eventTime) &&
    isOptionalText(record.awsRegion) &&
    isOptionalText(record.sourceIPAddress) &&
    isOptionalText(record.userAgent) &&
    isOptionalText(record.errorCode) &&
    isOptionalText(record.errorMessage) &&
    isOptionalText(record.recipientAccountId) &&
    (identity === undefined || identity === null || isUserIdentity(identity))
    // requestParameters and responseElements are `z.unknown()`: anything goes, as is.
  );
}

/** `userIdentitySchema`, with every lenient field already of its type (zod would keep it). */
function isUserIdentity(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const onBehalfOf = value.onBehalfOf;
  const inScopeOf = value.inScopeOf;
  const context = value.sessionContext;
  return (
    isOptionalText(value.type) &&
    isOptionalText(value.principalId) &&
    isOptionalText(value.arn) &&
    isOptionalText(value.accountId) &&
    isOptionalText(value.userName) &&
    isOptionalText(value.invokedBy) &&
    isOptionalText(value.identityProvider) &&
    (onBehalfOf === undefined ||
      onBehalfOf === null ||
      (isPlainObject(onBehalfOf) && isOptionalText(onBehalfOf.userId) && isOptionalText(onBehalfOf.identityStoreArn))) &&
    (inScopeOf === undefined || inScopeOf === null || (isPlainObject(inScopeOf) && isOptionalText(inScopeOf.credentialsIssuedTo))) &&
    (context === undefined || context === null || isSessionContext(context))
  );
}

function isSessionContext(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const issuer = value.sessionIssuer;
  const web = value.webIdFederationData;
  return (
    (issuer === undefined ||
      issuer === null ||
      (isPlainObject(issuer) &&
        isOptionalText(issuer.type) &&
        isOptionalText(issuer.arn) &&
        isOptionalText(issuer.userName) &&
        isOptionalText(issuer.accountId))) &&
    isOptionalText(value.sourceIdentity) &&
    (web === undefined || web === null || (isPlainObject(web) && isOptionalText(web.federatedProvider)))
  );
}
