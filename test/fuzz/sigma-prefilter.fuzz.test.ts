/**
 * Property: the raw-byte prefilter of Sigma rules that cannot be indexed
 * never drops a record a rule matches. Random rules (values of a small
 * vocabulary, every text modifier, regexes, and/or/not/1 of conditions) and
 * random records written as JSON with random `\u` escapes, mixed case and
 * characters that lower-case to ASCII: a rule that matches a record always
 * has its literals found in the record's bytes; and the engine with the
 * prefilter evaluates to exactly the findings of the engine without it.
 *
 * Runs: 1 500 rule/record sets, 400 engine runs.
 */
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import { parseLogStream } from '../../shared/formats/stream.js';
import { createEngine } from '../../shared/rules/engine.js';
import { rawLiteralTest } from '../../shared/rules/lib/raw-literals.js';
import { ruleIds } from '../../shared/rules/index.js';
import { type CompiledSigmaRule, compileRule } from '../../shared/sigma/compile.js';
import { toIndexedRule } from '../../shared/sigma/setup.js';
import type { AuditEvent } from '../../shared/types.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';

const WORDS = ['Root', 'TruffleHog', 'assumed-role', 'AWS Internal', 'kms', 'ikea', 'a.b', '1e2', '100', 'x/y@z'];
const FIELDS = ['userAgent', 'userIdentity.type', 'requestParameters.name', 'tag'];
const MODS = ['', '|contains', '|startswith', '|endswith', '|contains|all', '|re', '|cased', '|contains|cased'];

const word = fc.constantFrom(...WORDS);
/** A rule value: a word, a word with wildcards, or for `re` a small regex. */
const ruleValue = fc.tuple(word, fc.constantFrom('', '*', '?'), fc.boolean()).map(([w, wild, front]) => (front ? `${wild}${w}` : `${w}${wild}`));
const item = fc.record({
  field: fc.constantFrom(...FIELDS),
  mod: fc.constantFrom(...MODS),
  values: fc.array(ruleValue, { minLength: 1, maxLength: 3 }),
});
const selection = fc.array(item, { minLength: 1, maxLength: 2 });
const condition = fc.constantFrom('a', 'a and b', 'a or b', 'a and not b', 'not a', '1 of them', 'all of them');

function yamlValue(mod: string, v: string): string {
  const text = mod === '|re' ? v.replace(/[.]/g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.') : v;
  return `'${text.replace(/'/g, "''")}'`;
}

/** One generated `field|mods: [values]` item. */
type Item = { readonly field: string; readonly mod: string; readonly values: readonly string[] };

function ruleOf(a: readonly Item[], b: readonly Item[], cond: string): CompiledSigmaRule | undefined {
  const sel = (items: readonly Item[]) =>
    items.map((i) => `    ${i.field}${i.mod}: [${i.values.map((v) => yamlValue(i.mod, v)).join(', ')}]`).join('\n');
  const text = `title: Fuzz\nid: fuzz-1\nauthor: Fuzz\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  a:\n${sel(a)}\n  b:\n${sel(b)}\n  condition: ${cond}\n`;
  try {
    return compileRule(parse(text) as Record<string, unknown>, 'fuzz.yml');
  } catch {
    return undefined; // a duplicate key and the like: not a rule
  }
}

/** A record value: words joined, in random case, sometimes a Kelvin sign or a dotted I for k / i. */
const recordText = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom('lower', 'upper', 'keep', 'kelvin', 'idot'), { minLength: 1, maxLength: 3 }), fc.constantFrom('', ' ', '-', ':'))
  .map(([ws, cases, sep]) =>
    ws
      .map((w, i) => {
        const c = cases[i % cases.length];
        if (c === 'lower') return w.toLowerCase();
        if (c === 'upper') return w.toUpperCase();
        if (c === 'kelvin') return w.replace(/k/gi, '\u212a');
        if (c === 'idot') return w.replace(/i/gi, '\u0130');
        return w;
      })
      .join(sep),
  );
const recordValue = fc.oneof(recordText, fc.constantFrom(100, 1e2, 1.5, true, false, null));
const rawRecord = fc.record({
  userAgent: recordValue,
  userIdentity: fc.record({ type: recordValue }),
  requestParameters: fc.oneof(fc.record({ name: recordValue }), fc.constant(null)),
  tag: fc.oneof(recordValue, fc.array(recordText, { maxLength: 2 })),
});

/** JSON text with each string character escaped as `\uXXXX` at random (valid JSON, same value). */
function jsonWithEscapes(value: unknown, escapeAt: (i: number) => boolean): string {
  let n = 0;
  const str = (s: string) => `"${[...JSON.stringify(s).slice(1, -1)].map((c) => (c !== '\\' && escapeAt(n++) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('')}"`;
  const walk = (v: unknown): string => {
    if (typeof v === 'string') return str(v);
    if (Array.isArray(v)) return `[${v.map(walk).join(',')}]`;
    if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${str(k)}:${walk(x)}`).join(',')}}`;
    return JSON.stringify(v);
  };
  return walk(value);
}

const escapes = fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }).chain((bits) => fc.boolean().map((some) => (some ? bits : [false])));

describe('Sigma raw-byte prefilter', () => {
  it('a rule that matches a record always finds one of its literals in the bytes', () => {
    fc.assert(
      fc.property(selection, selection, condition, rawRecord, escapes, (a, b, cond, fields, bits) => {
        // Prepare
        const rule = ruleOf(a, b, cond);
        fc.pre(rule !== undefined);
        const text = jsonWithEscapes({ ...cloudTrailRecord({ eventName: 'ListUsers' }), ...fields }, (i) => bits[i % bits.length] === true);
        const bytes = Buffer.from(text, 'utf8');

        // Act
        const matched = (rule as CompiledSigmaRule).match(JSON.parse(text));
        const literals = (rule as CompiledSigmaRule).literals;

        // Assess
        if (matched && literals) expect(rawLiteralTest(literals)(bytes, 0, bytes.length)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('the engine with the prefilter finds exactly what it finds without it', async () => {
    const config = loadConfig({ env: {}, ruleIds });
    await fc.assert(
      fc.asyncProperty(selection, selection, condition, fc.array(fc.tuple(rawRecord, escapes), { minLength: 1, maxLength: 6 }), async (a, b, cond, records) => {
        // Prepare
        const rule = ruleOf(a, b, cond);
        fc.pre(rule !== undefined && rule.index === undefined);
        const engine = createEngine([], config, { extra: [toIndexedRule(rule as CompiledSigmaRule, false)] });
        const plain = (action: string, service?: string) => engine.wants(action, service);
        const body = records
          .map(([fields, bits]) => jsonWithEscapes({ ...cloudTrailRecord({ eventName: 'ListUsers' }), ...fields }, (i) => bits[i % bits.length] === true))
          .join(',');
        const object = Buffer.from(`{"Records":[${body}]}`);
        const run = async (wants: typeof engine.wants) => {
          const found: string[] = [];
          const onEvent = (event: AuditEvent) => {
            for (const f of engine.evaluate(event).findings) found.push(`${f.ruleId} ${event.source?.index}`);
          };
          await parseLogStream((async function* () { yield object; })(), 'fuzz.json', { maxBytes: 1 << 24, wants, onEvent });
          return found;
        };

        // Act
        const withPrefilter = await run(engine.wants);
        const without = await run(plain);

        // Assess
        expect(withPrefilter).toEqual(without);
      }),
      { numRuns: 400 },
    );
  });
});
