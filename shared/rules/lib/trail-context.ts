/**
 * Trail context: which buckets, prefixes, KMS keys and log groups belong to
 * an audit trail, so a `DeleteBucket`, a short lifecycle rule or a
 * `DisableKey` on one of them is recognised as tampering with the trail.
 *
 * Sources, merged into one {@link TrailRegistry}:
 * - config `trails:` (seeded at start);
 * - the `CreateTrail` / `UpdateTrail` (Yandex `audittrails.CreateTrail` /
 *   `UpdateTrail`) events seen during a run ({@link TrailRegistry.learn});
 * - what the function's ledger kept from earlier invocations, and
 *   `cloudtrail:DescribeTrails` at cold start where allowed
 *   (`shared/store/trail-context-store.ts` loads both with {@link TrailRegistry.add}).
 *
 * The seam to the rules: the engine passes the registry as
 * `RuleContext.trails` (read-only {@link TrailContext}); rules stay pure and
 * synchronous. The engine calls `learn(event)` after the rules ran on the
 * event, so an `UpdateTrail` is compared with the trail as it was before.
 */
import { asRecord } from '../../lib/guards.js';
import type { AuditEvent, JsonValue, TrailContext, TrailInfo } from '../../types.js';
import { scalarText } from './scalars.js';

export type { TrailContext, TrailInfo } from '../../types.js';

/** `arn:aws:kms:…:key/<id>` → `<id>`; other values unchanged, lower-cased. */
export function normalizeKey(key: string): string {
  const match = /:key\/([^/]+)$/.exec(key);
  return (match?.[1] ?? key).toLowerCase();
}

/** `arn:aws:cloudtrail:…:trail/<name>` → `<name>`. */
export function trailNameOf(nameOrArn: string): string {
  const match = /:trail\/(.+)$/.exec(nameOrArn);
  return match?.[1] ?? nameOrArn;
}

const bool = (value: unknown): boolean | undefined =>
  typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;

const str = (value: unknown): string | undefined => {
  const text = scalarText(value);
  return text === undefined || text === '' ? undefined : text;
};

/** Drop `undefined` fields so a partial update does not erase what is known. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const AWS_LEARN = new Set(['CreateTrail', 'UpdateTrail']);
const YANDEX_LEARN = new Set(['yandex.cloud.audit.audittrails.CreateTrail', 'yandex.cloud.audit.audittrails.UpdateTrail']);

/** What a CreateTrail/UpdateTrail event says about its trail, or `undefined`. */
export function trailFromEvent(event: AuditEvent): TrailInfo | undefined {
  if (event.outcome !== 'success') return undefined;
  if (event.cloud === 'aws' && AWS_LEARN.has(event.action)) {
    const req = event.request;
    const res = event.response;
    const name = str(req.name) ?? str(res.name);
    if (!name) return undefined;
    return {
      cloud: 'aws',
      name: trailNameOf(name),
      ...defined({
        arn: str(res.trailARN),
        bucket: str(req.s3BucketName) ?? str(res.s3BucketName),
        prefix: str(req.s3KeyPrefix) ?? str(res.s3KeyPrefix),
        kmsKeyId: str(req.kmsKeyId) ?? str(res.kmsKeyId),
        logGroup: str(req.cloudWatchLogsLogGroupArn) ?? str(res.cloudWatchLogsLogGroupArn),
        multiRegion: bool(req.isMultiRegionTrail) ?? bool(res.isMultiRegionTrail),
        globalServiceEvents: bool(req.includeGlobalServiceEvents) ?? bool(res.includeGlobalServiceEvents),
        logFileValidation: bool(req.enableLogFileValidation) ?? bool(res.logFileValidationEnabled),
      }),
    };
  }
  if (event.cloud === 'yandex' && YANDEX_LEARN.has(event.action)) {
    const d = event.request;
    const id = str(d.trail_id);
    if (!id) return undefined;
    const dest = asRecord(d.destination);
    const storage = asRecord(dest.object_storage);
    const logging = asRecord(dest.cloud_logging);
    const scopes = yandexScopes(d);
    return {
      cloud: 'yandex',
      name: id,
      ...defined({
        arn: str(d.trail_name),
        bucket: str(storage.bucket_id),
        prefix: str(storage.object_prefix),
        logGroup: str(logging.log_group_id),
        scopes,
      }),
    };
  }
  return undefined;
}

/** Resource ids a Yandex trail's management-events filter covers (new `filtering_policy` or legacy `path_filter`). */
export function yandexScopes(details: Readonly<Record<string, unknown>>): string[] | undefined {
  const policy = asRecord(details.filtering_policy);
  const management = asRecord(policy.management_events_filter);
  if (Array.isArray(management.resource_scopes)) {
    return management.resource_scopes.map((s) => str(asRecord(s).id)).filter((s): s is string => s !== undefined);
  }
  const root = asRecord(asRecord(details.path_filter).root);
  const any = str(asRecord(asRecord(root.any_filter).resource).id);
  if (any) return [any];
  const some = asRecord(root.some_filter);
  if (Array.isArray(some.filters)) {
    return some.filters
      .map((f) => str(asRecord(asRecord(asRecord(f).any_filter).resource).id))
      .filter((s): s is string => s !== undefined);
  }
  return undefined;
}

/** The mutable registry behind {@link TrailContext}. */
export class TrailRegistry implements TrailContext {
  readonly #trails = new Map<string, TrailInfo>();

  /** @param seed - trails from config or the store */
  constructor(seed: readonly TrailInfo[] = []) {
    for (const trail of seed) this.add(trail);
  }

  /** Merge what is known about a trail (new fields win, unknown fields keep the old value). */
  add(trail: TrailInfo): TrailInfo {
    const key = `${trail.cloud}:${trailNameOf(trail.name)}`;
    const merged = { ...this.#trails.get(key), ...defined(trail), name: trailNameOf(trail.name) } as TrailInfo;
    this.#trails.set(key, merged);
    return merged;
  }

  /** Learn from a successful CreateTrail/UpdateTrail; `true` when something was learned. */
  learn(event: AuditEvent): boolean {
    const trail = trailFromEvent(event);
    if (!trail) return false;
    this.add(trail);
    return true;
  }

  trail(name: string): TrailInfo | undefined {
    const wanted = trailNameOf(name);
    for (const t of this.#trails.values()) if (t.name === wanted || t.arn === name) return t;
    return undefined;
  }

  byBucket(bucket: string): readonly TrailInfo[] {
    return this.all().filter((t) => t.bucket === bucket);
  }

  byKmsKey(key: string): readonly TrailInfo[] {
    const wanted = normalizeKey(key);
    return this.all().filter((t) => t.kmsKeyId !== undefined && normalizeKey(t.kmsKeyId) === wanted);
  }

  byLogGroup(group: string): readonly TrailInfo[] {
    const wanted = group.replace(/:\*$/, '');
    return this.all().filter((t) => t.logGroup !== undefined && t.logGroup.replace(/:\*$/, '') === wanted);
  }

  all(): readonly TrailInfo[] {
    return [...this.#trails.values()];
  }

  /** JSON form for the ledger. */
  toJSON(): JsonValue {
    return this.all().map((t) => ({ ...t }) as { [key: string]: JsonValue });
  }
}
