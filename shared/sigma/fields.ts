/**
 * Field lookup in a raw record: the record's own JSON paths, dotted for
 * nesting. A literal key containing dots wins over nested lookup; arrays on
 * the way are walked and any element may match.
 */
import { isRecord as isObject } from '../lib/guards.js';

/** The values found under a field, and whether the field exists at all. */
export interface FieldValues {
  readonly found: boolean;
  /** Leaves (arrays flattened); objects stay objects. */
  readonly values: readonly unknown[];
}

const NONE: FieldValues = { found: false, values: [] };

/** Look `path` up in `record`. */
export function lookupField(record: unknown, path: string): FieldValues {
  if (!isObject(record)) return NONE;
  if (Object.hasOwn(record, path)) return { found: true, values: flatten(record[path]) };
  if (!path.includes('.')) return NONE;
  const out: unknown[] = [];
  const found = walk(record, keysOf(path), 0, out);
  return found ? { found, values: out } : NONE;
}

/** keys[at][end]: the parts `at..end-1` joined with dots, built once per path. */
type Keys = readonly (readonly string[])[];
const keyCache = new Map<string, Keys>();

function keysOf(path: string): Keys {
  let keys = keyCache.get(path);
  if (!keys) {
    const parts = path.split('.');
    keys = parts.map((_, at) => parts.map((__, i) => (i < at ? '' : parts.slice(at, i + 1).join('.'))));
    if (keyCache.size < 10_000) keyCache.set(path, keys);
  }
  return keys;
}

function walk(node: unknown, keys: Keys, at: number, out: unknown[]): boolean {
  if (at === keys.length) {
    out.push(...flatten(node));
    return true;
  }
  if (Array.isArray(node)) {
    let any = false;
    for (const item of node) any = walk(item, keys, at, out) || any;
    return any;
  }
  if (!isObject(node)) return false;
  const row = keys[at] as readonly string[];
  for (let end = keys.length; end > at; end -= 1) {
    const key = row[end - 1] as string;
    if (Object.hasOwn(node, key)) return walk(node[key], keys, end, out);
  }
  return false;
}

function flatten(value: unknown): unknown[] {
  if (!Array.isArray(value)) return [value];
  if (!value.some(Array.isArray)) return value;
  const out: unknown[] = [];
  for (const item of value) out.push(...flatten(item));
  return out;
}

/** Every scalar leaf under a value (strings, numbers, booleans; nulls skipped). */
export function scalarLeaves(value: unknown, out: (string | number | boolean)[] = [], depth = 0): (string | number | boolean)[] {
  if (depth > 64) return out;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push(value);
  else if (Array.isArray(value)) for (const item of value) scalarLeaves(item, out, depth + 1);
  else if (isObject(value)) for (const item of Object.values(value)) scalarLeaves(item, out, depth + 1);
  return out;
}

