/**
 * The Yandex Cloud Audit Trails envelope: the zod schema that defines it (and
 * words every rejection), and a hand-written check that agrees with it for
 * the events that pass, at a fraction of the cost.
 *
 * As for CloudTrail (`aws-cloudtrail-envelope.ts`): {@link isYandexEnvelope}
 * checks the event in place and, when it is sure, the event itself serves as
 * the parsed data; anything else goes to the schema, so results and
 * rejection reasons stay zod's.
 */
import { z } from 'zod';
import { looseObject } from '../lib/zod.js';
import { isPlainArray, isPlainObject } from '../lib/plain-json.js';
import { isNonEmptyText, isOptionalText } from './envelope-checks.js';

const optionalText = z.string().nullish();
const lenientText = z.string().nullish().catch(undefined);
/** Yandex writes some flags as strings: accept `true` and `"true"`. */
const flag = z.union([z.boolean(), z.string()]).nullish();

const pathEntrySchema = looseObject({
  resource_type: optionalText,
  resource_id: optionalText,
  resource_name: optionalText,
});

/** The Audit Trails envelope fields we rely on. Unknown fields are kept in `raw`. */
export const yandexEventSchema = looseObject({
  event_id: z.string().min(1),
  event_type: z.string().min(1),
  event_time: optionalText,
  event_source: optionalText,
  event_status: optionalText,
  authentication: looseObject({
      authenticated: flag,
      subject_type: optionalText,
      subject_id: optionalText,
      subject_name: optionalText,
      // Attribution-only fields: an odd value drops the field, never the event.
      federation_id: lenientText,
      federation_name: lenientText,
      impersonator_info: looseObject({
        impersonator_id: lenientText,
        type: lenientText,
        name: lenientText,
      }).nullish().catch(undefined),
      token_info: looseObject({
        impersonator_id: lenientText,
        impersonator_type: lenientText,
        impersonator_name: lenientText,
      }).nullish().catch(undefined),
    })
    .nullish(),
  authorization: looseObject({ authorized: flag }).nullish(),
  resource_metadata: looseObject({ path: z.array(pathEntrySchema).nullish() })
    .nullish(),
  request_metadata: looseObject({
      remote_address: optionalText,
      user_agent: optionalText,
      request_id: optionalText,
    })
    .nullish(),
  error: looseObject({
      code: z.union([z.string(), z.number()]).nullish(),
      message: optionalText,
    })
    .nullish(),
  details: z.unknown().optional(),
  response: z.unknown().optional(),
});

export type YandexEvent = z.infer<typeof yandexEventSchema>;

/**
 * True when {@link yandexEventSchema} accepts the event and its output holds
 * the same value as the event in every field the schema declares, so the
 * event can be read as the parsed data. False means "ask the schema".
 */
export function isYandexEnvelope(event: unknown): event is YandexEvent {
  if (!isPlainObject(event)) return false;
  const authentication = event.authentication;
  const authorization = event.authorization;
  const resources = event.resource_metadata;
  const request = event.request_metadata;
  const error = event.error;
  return (
    isNonEmptyText(event.event_id) &&
    isNonEmptyText(event.event_type) &&
    isOptionalText(event.event_time) &&
    isOptionalText(event.event_source) &&
    isOptionalText(event.event_status) &&
    (authentication === undefined || authentication === null || isAuthentication(authentication)) &&
    (authorization === undefined || authorization === null || (isPlainObject(authorization) && isFlag(authorization.authorized))) &&
    (resources === undefined || resources === null || (isPlainObject(resources) && isPath(resources.path))) &&
    (request === undefined ||
      request === null ||
      (isPlainObject(request) &&
        isOptionalText(request.remote_address) &&
        isOptionalText(request.user_agent) &&
        isOptionalText(request.request_id))) &&
    (error === undefined || error === null || (isPlainObject(error) && isErrorCode(error.code) && isOptionalText(error.message)))
    // details and response are `z.unknown()`: anything goes, as is.
  );
}

/** `flag`: a boolean, a string, `null` or `undefined`. */
function isFlag(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'boolean' || typeof value === 'string';
}

/** `z.union([z.string(), z.number()]).nullish()`; zod's `z.number()` refuses NaN. */
function isErrorCode(value: unknown): boolean {
  return isOptionalText(value) || (typeof value === 'number' && !Number.isNaN(value));
}

/** The `authentication` object, with every lenient field already of its type (zod would keep it). */
function isAuthentication(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const impersonator = value.impersonator_info;
  const token = value.token_info;
  return (
    isFlag(value.authenticated) &&
    isOptionalText(value.subject_type) &&
    isOptionalText(value.subject_id) &&
    isOptionalText(value.subject_name) &&
    isOptionalText(value.federation_id) &&
    isOptionalText(value.federation_name) &&
    (impersonator === undefined ||
      impersonator === null ||
      (isPlainObject(impersonator) &&
        isOptionalText(impersonator.impersonator_id) &&
        isOptionalText(impersonator.type) &&
        isOptionalText(impersonator.name))) &&
    (token === undefined ||
      token === null ||
      (isPlainObject(token) &&
        isOptionalText(token.impersonator_id) &&
        isOptionalText(token.impersonator_type) &&
        isOptionalText(token.impersonator_name)))
  );
}

/** `z.array(pathEntrySchema).nullish()`. */
function isPath(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isPlainArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const entry = value[i];
    if (
      !isPlainObject(entry) ||
      !isOptionalText(entry.resource_type) ||
      !isOptionalText(entry.resource_id) ||
      !isOptionalText(entry.resource_name)
    ) {
      return false;
    }
  }
  return true;
}
