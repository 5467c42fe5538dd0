/**
 * Builders for raw Yandex Cloud Audit Trails events in the real (snake_case)
 * format, and a shortcut to the normalized event.
 */
import { parseYandexEvent } from '../../shared/formats/yandex-audit-trails.js';
import type { AuditEvent } from '../../shared/types.js';

/** Fields of a raw event; anything given replaces the default. */
export type RawYandex = Record<string, unknown>;

let counter = 0;

/** The default resource path: organization → cloud → folder. */
export const YANDEX_PATH = [
  { resource_type: 'organization-manager.organization', resource_id: 'bpf3crucp1v2example', resource_name: 'acme' },
  { resource_type: 'resource-manager.cloud', resource_id: 'b1g8dn6s3v2example01', resource_name: 'acme-prod' },
  { resource_type: 'resource-manager.folder', resource_id: 'b1gvmob95yexample001', resource_name: 'web' },
] as const;

/** A DONE, authorized event by a Passport user; pass fields to override. */
export function yandexEvent(service: string, name: string, details: unknown, fields: RawYandex = {}): RawYandex {
  counter += 1;
  return {
    event_id: `ajeq7n1s0example${String(counter).padStart(4, '0')}`,
    event_source: service,
    event_type: `yandex.cloud.audit.${service}.${name}`,
    event_time: '2026-10-01T12:00:00.123456Z',
    authentication: {
      authenticated: true,
      subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT',
      subject_id: 'ajeexampleuser000001',
      subject_name: 'ivan.petrov',
    },
    authorization: { authorized: true },
    resource_metadata: { path: YANDEX_PATH },
    request_metadata: {
      remote_address: '203.0.113.9',
      user_agent: 'Yandex Cloud CLI/0.140.0 linux',
      request_id: `req-${counter}`,
    },
    event_status: 'DONE',
    details,
    ...fields,
  };
}

/** The same event as a failed (ERROR) call. */
export function failedYandex(event: RawYandex): RawYandex {
  return {
    ...event,
    event_status: 'ERROR',
    error: { code: 7, message: 'Permission denied' },
  };
}

/** The same event as logged when a long operation begins (`STARTED`): not yet a change. */
export function startedYandex(event: RawYandex): RawYandex {
  return { ...event, event_status: 'STARTED' };
}

/** The same event as a call refused by IAM (`authorized: false`, ERROR). */
export function deniedYandex(event: RawYandex): RawYandex {
  return { ...failedYandex(event), authorization: { authorized: false } };
}

/** Normalize a raw event, failing the test when it does not validate. */
export function toYandexEvent(record: RawYandex): AuditEvent {
  const parsed = parseYandexEvent(record, { key: 'test.json', index: 0 });
  if (!parsed.ok) throw new Error(`fixture does not validate: ${parsed.reason}`);
  return parsed.event;
}
