/**
 * One IAM policy statement as audit records carry it, and the parser of a
 * policy document in any of its shapes (an object, JSON text, URL-encoded
 * JSON text; `Statement` one object or a list). The base of the policy
 * module: `public.ts` and `condition.ts` read what this produces.
 */
import { z } from 'zod';
import { looseObject } from '../../../lib/zod.js';
import type { JsonValue } from '../../../types.js';

const stringOrList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]));

const statementSchema = looseObject({
  Sid: z.union([z.string(), z.number()]).optional(),
  Effect: z.string(),
  Principal: z.unknown().optional(),
  NotPrincipal: z.unknown().optional(),
  Action: stringOrList.optional(),
  NotAction: stringOrList.optional(),
  Resource: stringOrList.optional(),
  NotResource: stringOrList.optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

/** One normalized statement; `raw` is the statement as written. */
export type PolicyStatement = z.infer<typeof statementSchema> & { readonly raw: JsonValue };

const documentSchema = looseObject({
  Statement: z.union([z.array(z.unknown()), looseObject({})]),
});

/**
 * Parse a policy document from any of its audit-log shapes.
 * @returns the statements, or `undefined` when the value is not a policy
 */
export function parsePolicy(value: unknown): PolicyStatement[] | undefined {
  const doc = documentSchema.safeParse(typeof value === 'string' ? parseJsonText(value) : value);
  if (!doc.success) return undefined;
  const list = Array.isArray(doc.data.Statement) ? doc.data.Statement : [doc.data.Statement];
  const statements: PolicyStatement[] = [];
  for (const raw of list) {
    const parsed = statementSchema.safeParse(raw);
    if (parsed.success) statements.push({ ...parsed.data, raw: raw as JsonValue });
  }
  return statements;
}

/** JSON text of a policy, plain or URL-encoded (as IAM returns it), parsed; else `undefined`. */
export function parseJsonText(text: string): unknown {
  for (const candidate of [text, safeDecode(text)]) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

