/**
 * Property-based tests of Telegram rendering: findings made by the real
 * parsers and rules from records whose every caller-controlled string is
 * hostile always render as valid Telegram HTML, within 4 096 visible
 * characters, in at most `maxMessages` messages that together cover every
 * finding exactly once.
 *
 * Runs: 500.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCloudTrailRecord } from '../../shared/formats/aws-cloudtrail.js';
import { parseYandexEvent } from '../../shared/formats/yandex-audit-trails.js';
import { renderTelegram } from '../../shared/notifiers/telegram-render.js';
import { allRules } from '../../shared/rules/index.js';
import { REMEDIATION_STATUSES, type Finding } from '../../shared/types.js';
import { type DangerousRecord, asParsedJson, dangerousRecords, hostileName, hostileString } from '../helpers/arbitraries.js';
import { parseTelegramHtml } from '../helpers/telegram-server.js';

const fixtureIndex = fc.nat({ max: dangerousRecords().length - 1 });

/** Caller-controlled envelope strings of one record. */
const envelope = fc.record({
  id: hostileName,
  name: hostileName,
  actor: hostileString,
  agent: hostileString,
  ip: hostileString,
  place: hostileString,
  time: hostileString,
  key: hostileName,
});

type Envelope = typeof envelope extends fc.Arbitrary<infer T> ? T : never;

/** The dangerous record of a rule, with hostile names and envelope. */
function hostileRecord(fixture: DangerousRecord, e: Envelope): unknown {
  const r = fixture.record;
  if (fixture.cloud === 'aws') {
    return {
      ...r,
      eventID: e.id,
      eventTime: e.time,
      awsRegion: e.place,
      sourceIPAddress: e.ip,
      userAgent: e.agent,
      userIdentity: { type: 'IAMUser', principalId: e.actor, arn: `arn:aws:iam::111122223333:user/${e.actor}`, accountId: '111122223333', userName: e.actor },
    };
  }
  return {
    ...r,
    event_id: e.id,
    event_time: e.time,
    authentication: { authenticated: true, subject_type: e.actor, subject_id: e.actor, subject_name: e.actor },
    request_metadata: { remote_address: e.ip, user_agent: e.agent },
    resource_metadata: { path: [{ resource_type: 'resource-manager.cloud', resource_id: e.place, resource_name: e.place }, { resource_type: 'resource-manager.folder', resource_id: e.place, resource_name: e.actor }] },
  };
}

/** Findings of every rule on one hostile record. */
function findingsOf(fixture: DangerousRecord, e: Envelope): Finding[] {
  const record = asParsedJson(hostileRecord(fixture, e));
  const source = { key: e.key, index: 0 };
  const parsed = fixture.cloud === 'aws' ? parseCloudTrailRecord(record, source) : parseYandexEvent(record, source);
  if (!parsed.ok) throw new Error(parsed.reason);
  return allRules.flatMap((rule) => rule.match(parsed.event, { ownAccounts: new Set() }));
}

/** What the engine may attach: a remediation outcome and an allow-list reason, both hostile. */
const extras = fc.record(
  { remediationOutcome: fc.record({ status: fc.constantFrom(...REMEDIATION_STATUSES), reason: hostileString }), suppressed: fc.record({ reason: hostileString }) },
  { requiredKeys: [] },
);

/** One batch: a few records with hostile strings, each turned into findings by the rules. */
const batch = fc
  .array(fc.tuple(fixtureIndex, hostileName, envelope, extras), { minLength: 1, maxLength: 12 })
  .map((items) =>
    items.flatMap(([index, name, e, extra]) => {
      const fixture = dangerousRecords(name)[index];
      return fixture ? findingsOf(fixture, e).map((f) => ({ ...f, ...extra })) : [];
    }),
  );

function visibleText(html: string): string {
  const parsed = parseTelegramHtml(html);
  if ('error' in parsed) throw new Error(`${parsed.error}\n${html}`);
  return parsed.text;
}

describe('renderTelegram on findings with hostile strings', () => {
  it('gives valid HTML within 4 096 characters, covering every finding once (500 runs)', () => {
    let rendered = 0;
    fc.assert(
      fc.property(batch, fc.integer({ min: 1, max: 6 }), (findings, maxMessages) => {
        // Act
        const messages = renderTelegram(findings, { maxMessages });

        // Assess
        expect(messages.length).toBeLessThanOrEqual(maxMessages);
        for (const message of messages) {
          const text = visibleText(message.html);
          expect(text.length).toBeGreaterThan(0);
          expect(text.length).toBeLessThanOrEqual(4096);
          expect(message.findings.length).toBeGreaterThan(0);
        }
        const covered = messages.flatMap((m) => m.findings);
        expect(covered).toHaveLength(findings.length);
        expect(new Set(covered)).toEqual(new Set(findings));
        if (findings.length > 0) rendered += 1;
      }),
      { numRuns: 500 },
    );
    // The hostile names did not stop the rules from firing.
    expect(rendered).toBeGreaterThan(400);
  });
});
