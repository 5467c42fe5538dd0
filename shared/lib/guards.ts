/**
 * Type guards for values of unknown shape (parsed JSON, SDK answers, plan
 * targets): one definition each, used everywhere.
 */
import type { JsonValue } from '../types.js';

/** A JSON object (not null, not an array). */
export type JsonObject = { readonly [key: string]: JsonValue };

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** {@link isRecord} for JSON values: narrows to a {@link JsonObject}. */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return isRecord(value);
}

/** The value as a record, or `{}` when it is not one. */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return isRecord(value) ? value : {};
}
