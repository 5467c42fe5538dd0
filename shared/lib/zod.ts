/**
 * Object schema shorthands over zod: `looseObject` keeps unknown keys (audit
 * records carry many we do not read), `strictObject` rejects them (config,
 * so a typo fails by name).
 */
import { z } from 'zod';

/** An object schema that keeps keys it does not declare. */
export function looseObject<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).passthrough();
}

/** An object schema that rejects keys it does not declare. */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).strict();
}
