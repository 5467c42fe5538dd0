/**
 * Yandex Cloud Audit Trails events → {@link AuditEvent}.
 *
 * A bucket destination writes one JSON array of events per object (a data
 * stream writes JSON Lines). Keys are snake_case; int64 values are strings.
 *
 * ```json
 * [{"event_id":"enpk2r…","event_source":"network",
 *   "event_type":"yandex.cloud.audit.network.UpdateSecurityGroup",
 *   "event_time":"2026-10-01T12:00:00.123456Z",
 *   "authentication":{"authenticated":true,"subject_type":"YANDEX_PASSPORT_USER_ACCOUNT",
 *                     "subject_id":"ajeabc…","subject_name":"ivan"},
 *   "authorization":{"authorized":true},
 *   "resource_metadata":{"path":[{"resource_type":"resource-manager.cloud","resource_id":"b1g…","resource_name":"prod"},
 *                                {"resource_type":"resource-manager.folder","resource_id":"b1g…","resource_name":"web"}]},
 *   "request_metadata":{"remote_address":"203.0.113.9","user_agent":"yc/0.140","request_id":"…"},
 *   "event_status":"DONE","details":{"security_group_id":"enp…","rules":[…]}}]
 * ```
 *
 * Only `DONE` with an authorized call counts as a change that happened.
 */
import { z } from 'zod';
import { looseObject } from '../lib/zod.js';
import type { Actor, AuditEvent, Outcome, RecordSource, Scope } from '../types.js';
import { compact, describeZodError, envelopeProblem, isTrueFlag, normalizeTime, type ParsedRecord } from './common.js';
import { asRecord } from '../lib/guards.js';

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

type YandexEvent = z.infer<typeof yandexEventSchema>;

/** The action of a raw event without validating it (for the rule prefilter). */
export function yandexAction(record: unknown): string | undefined {
  const type = (record as { event_type?: unknown } | null)?.event_type;
  return typeof type === 'string' ? type : undefined;
}

const ENVELOPE = ['event_id', 'event_type'] as const;

/** The first bad envelope field of an event no rule reads, or `undefined`. */
export function yandexEnvelopeProblem(record: unknown): string | undefined {
  return envelopeProblem(record, ENVELOPE);
}

/** Validate one raw Audit Trails event and normalize it. */
export function parseYandexEvent(record: unknown, source?: RecordSource): ParsedRecord {
  const parsed = yandexEventSchema.safeParse(record);
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) };
  const e = parsed.data;
  const outcome = yandexOutcome(e);
  const failed = outcome === 'failure';
  const code = e.error?.code ?? (failed ? (e.event_status ?? 'ERROR') : undefined);
  const event: AuditEvent = {
    cloud: 'yandex',
    id: e.event_id,
    time: e.event_time ? normalizeTime(e.event_time) : 'unknown',
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
