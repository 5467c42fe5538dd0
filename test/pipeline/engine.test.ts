import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import { createEngine } from '../../shared/pipeline/engine.js';
import type { AuditEvent, Rule } from '../../shared/types.js';
import { makeFinding } from '../../shared/rules/lib/finding.js';
import { assumedRole, cloudTrailRecord, toEvent } from '../helpers/cloudtrail.js';

const fires: Rule = {
  id: 'test-fires',
  cloud: 'aws',
  category: 'role-grant',
  severity: 'medium',
  title: 'fires',
  runbook: '',
  actions: ['CreateUser'],
  remediations: [],
  match(event: AuditEvent) {
    return [makeFinding(this, event, { resource: { type: 'iam-user', id: 'ci-bot' }, evidence: { summary: 's', details: {} } })];
  },
};
const throws: Rule = { ...fires, id: 'test-throws', match: () => { throw new Error('boom'); } };
const ruleIds = ['test-fires', 'test-throws'];
const config = (json: object) => loadConfig({ env: { AUDIT_RESPONDER_CONFIG_JSON: JSON.stringify(json) }, ruleIds });
const createUser = toEvent(cloudTrailRecord({ eventName: 'CreateUser', userIdentity: assumedRole('terraform-apply', 'run-1') }));

describe('createEngine', () => {
  it('indexes rules by action: other actions cost a lookup and find nothing', () => {
    const engine = createEngine([fires], config({}));
    expect(engine.wants('CreateUser')).toBe(true);
    expect(engine.wants('ListUsers')).toBe(false);
    expect(engine.evaluate(toEvent(cloudTrailRecord({ eventName: 'ListUsers' })))).toEqual({ findings: [], errors: [] });
  });

  it('contains a throwing rule as an error and keeps the other rules', () => {
    const { findings, errors } = createEngine([throws, fires], config({})).evaluate(createUser);
    expect(findings).toHaveLength(1);
    expect(errors.map((e) => e.message)).toEqual([`rule test-throws failed on event ${createUser.id}: boom`]);
  });

  it('applies switches and severity overrides', () => {
    const engine = createEngine([throws, fires], config({ rules: { 'test-throws': { enabled: false }, 'test-fires': { severity: 'critical' } } }));
    expect(engine.rules.map((r) => r.id)).toEqual(['test-fires']);
    expect(engine.evaluate(createUser).findings[0]?.severity).toBe('critical');
  });

  it.each([
    { allow: { principals: ['arn:aws:iam::*:role/terraform-*'] }, reason: 'actor matches allow-list entry "arn:aws:iam::*:role/terraform-*"' },
    { allow: { resources: [{ pattern: 'CI-*', reason: 'bots' }] }, reason: 'resource matches allow-list entry "CI-*": bots' },
  ])('suppresses with a visible reason: $reason', ({ allow, reason }) => {
    const [finding] = createEngine([fires], config({ allow })).evaluate(createUser).findings;
    expect(finding?.suppressed).toEqual({ reason });
  });

  it('does not treat allow-list patterns as regular expressions', () => {
    const [finding] = createEngine([fires], config({ allow: { resources: ['ci.bot'] } })).evaluate(createUser).findings;
    expect(finding?.suppressed).toBeUndefined();
  });
});
