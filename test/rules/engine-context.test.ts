/**
 * The rule context the engine hands rules, now made once per account: each
 * event still sees the configured accounts plus its own, in that order, the
 * same trail registry and retention, past the cache's cap too; and allow-lists
 * still suppress when configured (the engine skips them only when empty).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import { createEngine } from '../../shared/rules/engine.js';
import { makeFinding } from '../../shared/rules/lib/finding.js';
import type { AuditEvent, Rule, RuleContext } from '../../shared/types.js';
import { cloudTrailRecord, toEvent } from '../helpers/cloudtrail.js';

const seen: { account: string | undefined; own: string[]; days: number | undefined; trails: unknown }[] = [];
const recorder: Rule = {
  id: 'test-records-context',
  cloud: 'aws',
  category: 'role-grant',
  severity: 'medium',
  title: 'records its context',
  runbook: '',
  actions: ['CreateUser'],
  remediations: [],
  match(event: AuditEvent, context: RuleContext) {
    seen.push({ account: event.scope.account, own: [...context.ownAccounts], days: context.minLogRetentionDays, trails: context.trails });
    return [makeFinding(this, event, { resource: { type: 'iam-user', id: 'ci-bot', name: 'ci-bot' }, evidence: { summary: 's', details: {} } })];
  },
};
const config = (json: object) => loadConfig({ env: { AUDIT_RESPONDER_CONFIG_JSON: JSON.stringify(json) }, ruleIds: [recorder.id] });
const createUserIn = (account: string | undefined) =>
  toEvent(cloudTrailRecord({ eventName: 'CreateUser', recipientAccountId: account, userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/a', userName: 'a' } }));

describe('engine rule context', () => {
  it('is the configured accounts plus the event\'s own, per event, for more accounts than it keeps', () => {
    // Prepare: 1 100 foreign accounts (past the 1 024 kept), each seen twice, and ours.
    seen.length = 0;
    const engine = createEngine([recorder], config({ ownAccounts: ['111122223333', '444455556666'], tampering: { minLogRetentionDays: 45 } }));
    const accounts = Array.from({ length: 1100 }, (_, i) => String(900000000000 + i));
    const order = [...accounts, ...accounts, '111122223333', '444455556666', undefined];

    // Act
    for (const account of order) engine.evaluate(createUserIn(account));

    // Assess
    expect(seen).toHaveLength(order.length);
    for (const [i, s] of seen.entries()) {
      const account = order[i];
      const own = ['111122223333', '444455556666'];
      expect(s.own).toEqual(account === undefined || own.includes(account) ? own : [...own, account]);
      expect(s.days).toBe(45);
      expect(s.trails).toBe(engine.trails);
    }
  });

  it('still suppresses by actor and resource allow-lists', () => {
    // Prepare
    const byActor = createEngine([recorder], config({ allow: { principals: [{ pattern: 'arn:aws:iam::111122223333:user/*', reason: 'ci' }] } }));
    const byResource = createEngine([recorder], config({ allow: { resources: ['ci-*'] } }));
    const none = createEngine([recorder], config({}));
    const event = createUserIn('111122223333');

    // Act
    const [actor] = byActor.evaluate(event).findings;
    const [resource] = byResource.evaluate(event).findings;
    const [plain] = none.evaluate(event).findings;

    // Assess
    expect(actor?.suppressed).toEqual({ reason: 'actor matches allow-list entry "arn:aws:iam::111122223333:user/*": ci' });
    expect(resource?.suppressed).toEqual({ reason: 'resource matches allow-list entry "ci-*"' });
    expect(plain && 'suppressed' in plain).toBe(false);
  });
});
