/**
 * Property-based tests of the rules: whatever a successful call's request
 * and response hold (any JSON, prototype-pollution keys, JSON-in-strings,
 * dangerous fixtures with random edits), no rule throws and every finding is
 * well formed; and a failed, denied or unfinished call never fires.
 *
 * Runs: 16 rules × (300 arbitrary + 300 mutated) + 1 000 failed-call runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCloudTrailRecord } from '../../shared/formats/aws-cloudtrail.js';
import { parseYandexEvent } from '../../shared/formats/yandex-audit-trails.js';
import { allRules } from '../../shared/rules/index.js';
import type { AuditEvent, Rule } from '../../shared/types.js';
import { CATEGORIES, SEVERITIES } from '../../shared/types.js';
import { POLLUTION_KEYS, TRAIL_CONTEXT_FIXTURE, asParsedJson, auditJson, awsServiceOf, dangerousRecords, mutated } from '../helpers/arbitraries.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { yandexEvent } from '../helpers/yandex.js';

const RUNS = 300;
// Trail context (issue #14) so the trail-key fixture fires too.
const noAccounts = { ownAccounts: new Set<string>(), trails: TRAIL_CONTEXT_FIXTURE };

/** A successful event for `action`, built by the real parser from a raw record in JSON form. */
function eventFor(rule: Rule, action: string, request: unknown, response: unknown): AuditEvent {
  const raw =
    rule.cloud === 'aws'
      ? cloudTrailRecord({ eventSource: awsServiceOf(rule.id), eventName: action, requestParameters: request, responseElements: response })
      : yandexEvent(action.split('.')[3] ?? 'x', 'x', request, { event_type: action, response });
  const record = asParsedJson(raw);
  const parsed = rule.cloud === 'aws' ? parseCloudTrailRecord(record, { key: 'fuzz.json', index: 0 }) : parseYandexEvent(record, { key: 'fuzz.json', index: 0 });
  if (!parsed.ok) throw new Error(`fuzz record does not validate: ${parsed.reason}`);
  if (parsed.event.outcome !== 'success') throw new Error('fuzz record is not a successful call');
  return parsed.event;
}

/** Every rule on the event: none throws, and each finding is well formed. Returns the findings. */
function matchAll(event: AuditEvent) {
  const all = [];
  for (const rule of allRules) {
    const findings = rule.match(event, noAccounts);
    for (const f of findings) {
      expect(f.ruleId).toBe(rule.id);
      expect(f.category).toBe(rule.category);
      expect(CATEGORIES).toContain(f.category);
      expect(SEVERITIES).toContain(f.severity);
      expect(f.dedupKey).toBe(`${rule.id}:${event.id}:${f.resource.id}`);
      expect(typeof f.evidence.summary).toBe('string');
      expect(typeof f.resource.id).toBe('string');
      expect(f.event).toBe(event);
      // Findings go to JSON output and to the ledger: they must serialize.
      expect(() => JSON.stringify({ evidence: f.evidence, remediation: f.remediation, resource: f.resource })).not.toThrow();
    }
    all.push(...findings);
  }
  return all;
}

/** Objects with prototype-pollution keys set to arbitrary JSON. */
const pollutedObject = fc
  .tuple(fc.subarray([...POLLUTION_KEYS], { minLength: 1 }), fc.jsonValue({ maxDepth: 3 }))
  .map(([keys, value]) => Object.fromEntries(keys.map((k) => [k, value])));

/** A request or response: rule-shaped JSON, any JSON dictionary, or a polluted object. */
const body = fc.oneof(
  auditJson,
  fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(fc.jsonValue({ maxDepth: 4 }), pollutedObject), { maxKeys: 6 }),
  pollutedObject,
  fc.jsonValue({ maxDepth: 4 }),
);

describe('rules under arbitrary request and response shapes', () => {
  it.each(allRules.map((rule) => [rule.id, rule] as const))('%s: never throws on arbitrary JSON, findings well formed', (_id, rule) => {
    fc.assert(
      fc.property(fc.constantFrom(...rule.actions), body, body, (action, request, response) => {
        // Prepare
        const event = eventFor(rule, action, request, response);

        // Act + Assess (inside matchAll: no throw, well-formed findings)
        matchAll(event);
      }),
      { numRuns: RUNS },
    );
  });

  const fixtures = dangerousRecords();
  it.each(fixtures.map((f) => [f.ruleId, f] as const))('%s: never throws on random edits of a dangerous record', (_id, fixture) => {
    // Prepare
    const rule = allRules.find((r) => r.id === fixture.ruleId);
    if (!rule) throw new Error(`no rule ${fixture.ruleId}`);
    const field = rule.cloud === 'aws' ? 'requestParameters' : 'details';
    const base = asParsedJson(fixture.record) as Record<string, unknown>;
    const action = String(rule.cloud === 'aws' ? base.eventName : base.event_type);
    let fired = 0;

    fc.assert(
      fc.property(mutated(base[field]), (request) => {
        const event = eventFor(rule, action, request, rule.cloud === 'aws' ? base.responseElements : null);

        // Act
        const findings = matchAll(event);

        // Assess: well formed (in matchAll); count how often the edited record still fires
        if (findings.some((f) => f.ruleId === rule.id)) fired += 1;
      }),
      { numRuns: RUNS },
    );
    // Unedited records are among the runs, so the rule's own code was reached.
    expect(fired).toBeGreaterThan(0);
  });
});

describe('failed, denied and unfinished calls', () => {
  const fixtures = dangerousRecords();

  it.each(fixtures.map((f) => [f.ruleId, f] as const))('the %s fixture fires when the call succeeded', (ruleId, fixture) => {
    // Prepare
    const parsed = fixture.cloud === 'aws' ? parseCloudTrailRecord(asParsedJson(fixture.record)) : parseYandexEvent(asParsedJson(fixture.record));
    if (!parsed.ok) throw new Error(parsed.reason);

    // Act
    const findings = allRules.flatMap((rule) => rule.match(parsed.event, noAccounts));

    // Assess
    expect(findings.map((f) => f.ruleId)).toContain(ruleId);
  });

  it('every rule has a dangerous fixture', () => {
    expect(fixtures.map((f) => f.ruleId).sort()).toEqual(allRules.map((r) => r.id).sort());
  });

  const notDone = fc.oneof(
    fc.constantFrom('ERROR', 'STARTED', 'CANCELLED', 'RUNNING', 'error', 'PENDING', ''),
    fc.string({ maxLength: 10 }).filter((s) => s.toUpperCase() !== 'DONE'),
  );
  const awsFailure = fc.record(
    { errorCode: fc.string({ minLength: 1, maxLength: 30 }), errorMessage: fc.string({ minLength: 1, maxLength: 60 }) },
    { requiredKeys: [] },
  ).filter((f) => Object.keys(f).length > 0);
  const yandexFailure = fc.oneof(
    notDone.map((event_status) => ({ event_status })),
    fc.tuple(notDone, fc.integer({ min: 1, max: 16 })).map(([event_status, code]) => ({ event_status, error: { code, message: 'Permission denied' } })),
    fc.constantFrom(false, 'false', 'FALSE', 'no').map((authorized) => ({ event_status: 'DONE', authorization: { authorized } })),
  );

  it('make every rule return [] (1 000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), awsFailure, yandexFailure, (fixture, awsFields, yandexFields) => {
        // Prepare
        const record = asParsedJson({ ...fixture.record, ...(fixture.cloud === 'aws' ? awsFields : yandexFields) });
        const parsed = fixture.cloud === 'aws' ? parseCloudTrailRecord(record) : parseYandexEvent(record);
        if (!parsed.ok) throw new Error(parsed.reason);

        // Act
        const findings = allRules.flatMap((rule) => rule.match(parsed.event, noAccounts));

        // Assess
        expect(parsed.event.outcome).not.toBe('success');
        expect(findings).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
