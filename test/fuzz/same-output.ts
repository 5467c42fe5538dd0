/**
 * "The fast path built exactly what the reference built", for the fast-path
 * properties in test/fuzz/. Stricter than `toStrictEqual`: the same key
 * order, prototypes and property descriptors, leaves equal by `Object.is`
 * (so `-0` and `NaN` count), and the same sharing with the input — a node
 * one side took by reference from the input, the other took by reference
 * too, and a node one side made anew, the other made anew.
 */

/** Every object reachable from `value` through own data properties. */
export function objectsIn(value: unknown, into: Set<object> = new Set()): Set<object> {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null || into.has(value)) return into;
  into.add(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor && 'value' in descriptor) objectsIn(descriptor.value, into);
  }
  return into;
}

const show = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

function differ(path: string, what: string, actual: unknown, expected: unknown): never {
  throw new Error(`fast path differs from the reference at ${path} (${what}): got ${show(actual)}, want ${show(expected)}`);
}

const isObject = (value: unknown): value is object => (typeof value === 'object' || typeof value === 'function') && value !== null;

/**
 * Throw unless `actual` (fast path) and `expected` (reference) are the same
 * output; `input` holds the objects both were given (see {@link objectsIn}).
 */
export function expectSameOutput(actual: unknown, expected: unknown, input: ReadonlySet<object>, path = '$'): void {
  if (!isObject(expected) || !isObject(actual)) {
    if (!Object.is(actual, expected)) differ(path, 'value', actual, expected);
    return;
  }
  if (actual === expected) return;
  if (input.has(expected) || input.has(actual)) differ(path, 'taken from the input on one side only', actual, expected);
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) differ(path, 'prototype', actual, expected);
  if (Array.isArray(actual) !== Array.isArray(expected)) differ(path, 'array', actual, expected);
  const keys = Reflect.ownKeys(expected);
  const actualKeys = Reflect.ownKeys(actual);
  if (keys.length !== actualKeys.length || keys.some((k, i) => k !== actualKeys[i])) {
    differ(path, 'keys', actualKeys.map(String), keys.map(String));
  }
  for (const key of keys) {
    const a = Object.getOwnPropertyDescriptor(actual, key);
    const e = Object.getOwnPropertyDescriptor(expected, key);
    const at = `${path}.${String(key)}`;
    if (!a || !e || 'value' in a !== 'value' in e || a.enumerable !== e.enumerable || a.writable !== e.writable || a.configurable !== e.configurable) {
      differ(at, 'descriptor', a, e);
    }
    expectSameOutput(a.value, e.value, input, at);
  }
}
