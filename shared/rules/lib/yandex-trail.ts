/**
 * Shared pieces of the Yandex Audit Trails tampering rules: event types, the
 * trail resource, and the update mask a change names (details or request
 * parameters, `update_mask` or `updateMask`, a string or a list of paths).
 *
 * `details` of `audittrails.UpdateTrail` (snake_case in the bucket):
 * ```json
 * {"trail_id":"cnp…","trail_name":"main","status":"ACTIVE",
 *  "destination":{"object_storage":{"bucket_id":"audit-logs","object_prefix":"trail"}},
 *  "filtering_policy":{"management_events_filter":{"resource_scopes":[{"id":"b1g…","type":"resource-manager.cloud"}]}}}
 * ```
 */
import { asRecord } from '../../lib/guards.js';
import type { AuditEvent, Resource } from '../../types.js';
import { yandexConsole } from './console-urls.js';
import { scalarText } from './scalars.js';
import { urlPart } from './url-part.js';

/** `yandex.cloud.audit.audittrails.<name>`. */
export const trailEvent = (name: string) => `yandex.cloud.audit.audittrails.${name}`;

/** The trail resource of an audittrails event, or `undefined` without a trail id. */
export function yandexTrailResource(event: AuditEvent): Resource | undefined {
  const id = scalarText(event.request.trail_id);
  if (!id) return undefined;
  const name = scalarText(event.request.trail_name);
  const folder = event.scope.folder;
  return {
    type: 'yandex-audit-trail',
    id,
    ...(name ? { name } : {}),
    consoleUrl: folder ? `${yandexConsole.folder(folder)}/audit-trails/trail/${urlPart(id)}` : yandexConsole.folder(id),
  };
}

/** The fields an update names, lower-cased (empty when the log has no mask). */
export function updateMask(event: AuditEvent): string[] {
  const params = asRecord(asRecord(event.raw).request_parameters);
  const raw = event.request.update_mask ?? event.request.updateMask ?? params.update_mask ?? params.updateMask;
  const paths = asRecord(raw).paths;
  const list = Array.isArray(raw) ? raw : Array.isArray(paths) ? paths : [raw];
  return list.flatMap((v) => (scalarText(v) ?? '').split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean);
}

/** The destination of a trail as one comparable line (`bucket:audit-logs/trail`, `log-group:e23…`). */
export function destinationOf(details: Readonly<Record<string, unknown>>): string | undefined {
  const dest = asRecord(details.destination);
  const storage = asRecord(dest.object_storage);
  const bucket = scalarText(storage.bucket_id);
  if (bucket) return `bucket:${bucket}/${scalarText(storage.object_prefix) ?? ''}`;
  const group = scalarText(asRecord(dest.cloud_logging).log_group_id);
  if (group) return `log-group:${group}`;
  const stream = asRecord(dest.data_stream);
  const name = scalarText(stream.stream_name);
  if (name) return `data-stream:${scalarText(stream.database_id) ?? ''}/${name}`;
  const router = scalarText(asRecord(dest.eventrouter).eventrouter_connector_id);
  return router ? `eventrouter:${router}` : undefined;
}
