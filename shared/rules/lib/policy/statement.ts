/**
 * One IAM policy statement as audit records carry it, and the parser of a
 * policy document in any of its shapes (an object, JSON text, URL-encoded
 * JSON text; `Statement` one object or a list). The base of the policy
 * module: `public.ts` and `condition.ts` read what this produces.
 *
 * The zod schemas below are the definition. Policies sit on hot actions
 * (PutBucketPolicy, CreateRole, ...), so `parsePolicy` reads plain JSON
 * data with the hand-written reader of ./read-statement.ts, which builds
 * exactly what the schemas build, and hands anything else to zod
 * (test/fuzz/policy-fast-path.fuzz.test.ts compares the two).
 */
import { z } from 'zod';
import { looseObject } from '../../../lib/zod.js';
import type { JsonValue } from '../../../types.js';
import { UNUSUAL, readDocument, readStatement } from './read-statement.js';

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
  const doc = typeof value === 'string' ? parseJsonText(value) : value;
  const list = readDocument(doc);
  if (list === UNUSUAL) return statementsWithZod(doc);
  if (list === undefined) return undefined;
  const statements: PolicyStatement[] = [];
  for (const raw of list) {
    const read = readStatement(raw);
    const parsed = read === UNUSUAL ? statementWithZod(raw) : read;
    if (parsed !== undefined) statements.push(parsed as PolicyStatement);
  }
  return statements;
}

/** {@link parsePolicy} by the zod schemas alone: the reference the fast reader must equal. */
export function parsePolicyWithZod(value: unknown): PolicyStatement[] | undefined {
  return statementsWithZod(typeof value === 'string' ? parseJsonText(value) : value);
}

function statementsWithZod(value: unknown): PolicyStatement[] | undefined {
  const doc = documentSchema.safeParse(value);
  if (!doc.success) return undefined;
  const list = Array.isArray(doc.data.Statement) ? doc.data.Statement : [doc.data.Statement];
  const statements: PolicyStatement[] = [];
  for (const raw of list) {
    const parsed = statementWithZod(raw);
    if (parsed) statements.push(parsed);
  }
  return statements;
}

function statementWithZod(raw: unknown): PolicyStatement | undefined {
  const parsed = statementSchema.safeParse(raw);
  return parsed.success ? { ...parsed.data, raw: raw as JsonValue } : undefined;
}

/** JSON text of a policy, plain or URL-encoded (as IAM returns it), parsed; else `undefined`. */
export function parseJsonText(text: string): unknown {
  // JSON text never starts with `%`: go straight to the URL-encoded form rather than catch a SyntaxError.
  if (!startsWithPercent(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // try the URL-encoded form
    }
  }
  const decoded = safeDecode(text);
  if (decoded === undefined) return undefined;
  try {
    return JSON.parse(decoded);
  } catch {
    return undefined;
  }
}

/** True when the first character past JSON whitespace is `%`. */
function startsWithPercent(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x25;
  }
  return false;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
