/**
 * Every key path of a zod schema, for checking the configuration reference
 * against shared/config/schema.ts. Records contribute a `*` segment
 * (`rules.*.enabled`), arrays a `[]` suffix (`trails[].name`); wrappers
 * (default, optional, nullable, effects, pipelines) are looked through, and
 * the object options of a union contribute their keys at the same path.
 */
import { z } from 'zod';

/** Look through the wrappers that do not change the shape of a value. */
export function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault) current = current._def.innerType;
    else if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodEffects) current = current.innerType();
    else if (current instanceof z.ZodPipeline) current = current._def.in;
    else if (current instanceof z.ZodLazy) current = current.schema;
    else return current;
  }
}

/** The key paths under `schema`, each prefixed with `prefix` (intermediate objects included). */
export function keyPaths(schema: z.ZodTypeAny, prefix = ''): string[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodTypeAny>;
    return Object.entries(shape).flatMap(([key, value]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return [path, ...keyPaths(value, path)];
    });
  }
  if (inner instanceof z.ZodRecord) return childPaths(inner._def.valueType, `${prefix}.*`);
  if (inner instanceof z.ZodArray) return childPaths(inner.element, `${prefix}[]`);
  if (inner instanceof z.ZodUnion) {
    const options = inner.options as z.ZodTypeAny[];
    return [...new Set(options.flatMap((option) => keyPaths(option, prefix)))];
  }
  return [];
}

/** The keys of a record value or array element, under `path`. */
function childPaths(schema: z.ZodTypeAny, path: string): string[] {
  const below = keyPaths(schema, path);
  return below;
}
