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
import type { Actor, AuditEvent, Outcome, RecordSource, Scope } from '../types.js';
import { checkedEnvelope, envelopeProblem, isTrueFlag, normalizeTime, type ParsedRecord, type Writable } from './common.js';
import { isYandexEnvelope, type YandexEvent, yandexEventSchema } from './yandex-envelope.js';
import { asRecord } from '../lib/guards.js';

export { type YandexEvent, yandexEventSchema } from './yandex-envelope.js';

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
  const envelope = checkedEnvelope<YandexEvent>(record, isYandexEnvelope, yandexEventSchema);
  if (!envelope.ok) return envelope;
  const e = envelope.data;
  const outcome = yandexOutcome(e);
  const failed = outcome === 'failure';
  const code = e.error?.code ?? (failed ? (e.event_status ?? 'ERROR') : undefined);
  // Set field by field, optional ones only when present, in the order findings print them
  // (an object literal with conditional spreads gives the same object, several times slower).
  const event: Writable<Partial<AuditEvent>> = {
    cloud: 'yandex',
    id: e.event_id,
    time: e.event_time ? normalizeTime(e.event_time) : 'unknown',
    action: e.event_type,
    service: e.event_source ?? e.event_type.split('.')[3] ?? 'unknown',
    outcome,
  };
  if (code !== undefined && failed) {
    const message = e.error?.message;
    event.error = message ? { code: String(code), message } : { code: String(code) };
  }
  event.actor = yandexActor(e);
  event.scope = yandexScope(e);
  event.request = asRecord(e.details);
  event.response = asRecord(e.response);
  if (source) event.source = source;
  event.raw = record;
  // Every required field is set above.
  return { ok: true, event: event as AuditEvent };
}

/**
 * The caller from `authentication` (Audit Trails event format):
 * `YANDEX_PASSPORT_USER_ACCOUNT`, `SERVICE_ACCOUNT`, or
 * `FEDERATED_USER_ACCOUNT` with its federation (`federation_id`,
 * `federation_name`), plus an impersonator when one acted as the subject
 * (`impersonator_info`, or `token_info` on the events-ref pages).
 *
 * Empty, `null` and absent values leave their field out. Fields are set one
 * by one in this order: findings print the actor as JSON, key order included.
 */
function yandexActor(e: YandexEvent): Actor {
  const actor: Writable<Actor> = {};
  const auth = e.authentication;
  const request = e.request_metadata;
  if (auth) {
    if (auth.subject_id) actor.id = auth.subject_id;
    if (auth.subject_name) actor.name = auth.subject_name;
    if (auth.subject_type) actor.type = auth.subject_type;
  }
  const sourceIp = request?.remote_address;
  if (sourceIp) actor.sourceIp = sourceIp;
  const userAgent = request?.user_agent;
  if (userAgent) actor.userAgent = userAgent;
  if (!auth) return actor;
  if (auth.federation_id) actor.federationId = auth.federation_id;
  if (auth.federation_name) actor.federationName = auth.federation_name;
  const imp = auth.impersonator_info;
  const token = auth.token_info;
  if (imp || token) {
    const impersonatorId = imp?.impersonator_id ?? token?.impersonator_id;
    if (impersonatorId) actor.impersonatorId = impersonatorId;
    const impersonatorName = imp?.name ?? token?.impersonator_name;
    if (impersonatorName) actor.impersonatorName = impersonatorName;
    const impersonatorType = imp?.type ?? token?.impersonator_type;
    if (impersonatorType) actor.impersonatorType = impersonatorType;
  }
  return actor;
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

const ORGANIZATION = 'organization-manager.organization';
const CLOUD = 'resource-manager.cloud';
const FOLDER = 'resource-manager.folder';

type PathEntry = NonNullable<NonNullable<NonNullable<YandexEvent['resource_metadata']>['path']>[number]>;

/** Organization, cloud and folder found by resource type, never by position (the first entry of each type). */
function yandexScope(e: YandexEvent): Scope {
  const path = e.resource_metadata?.path;
  const scope: Writable<Scope> = {};
  if (!path) return scope;
  let org: PathEntry | undefined;
  let cloud: PathEntry | undefined;
  let folder: PathEntry | undefined;
  for (const entry of path) {
    const type = entry.resource_type;
    if (type === ORGANIZATION) org ??= entry;
    else if (type === CLOUD) cloud ??= entry;
    else if (type === FOLDER) folder ??= entry;
  }
  if (org?.resource_id) scope.organization = org.resource_id;
  if (cloud?.resource_id) scope.cloud = cloud.resource_id;
  if (cloud?.resource_name) scope.cloudName = cloud.resource_name;
  if (folder?.resource_id) scope.folder = folder.resource_id;
  if (folder?.resource_name) scope.folderName = folder.resource_name;
  return scope;
}
