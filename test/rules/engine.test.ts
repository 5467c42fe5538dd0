import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import { createEngine } from '../../shared/rules/engine.js';
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

describe('createEngine: allow-lists match each identifier of the caller', () => {
  const as = (userIdentity: Record<string, unknown>) => toEvent(cloudTrailRecord({ eventName: 'CreateUser', userIdentity }));
  const sso = {
    ...assumedRole('AWSReservedSSO_Admin_0123456789abcdef', 'bob@example.com'),
    onBehalfOf: { userId: '94482488-3041-7026-18f3-be45837cd0e4', identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-9067642ac7' },
  };
  const sourced = { ...assumedRole('deployer', 'i-0abc'), sessionContext: { ...(assumedRole('deployer', 'i-0abc').sessionContext as object), sourceIdentity: 'alice@example.com' } };
  it.each([
    { name: 'the session name of an assumed role', event: as(assumedRole('OpsAdmin', 'break-glass')), pattern: 'break-glass' },
    { name: 'the role name behind a session', event: as(assumedRole('OpsAdmin', 'bob')), pattern: 'OpsAdmin' },
    { name: 'the source identity of a session', event: as(sourced), pattern: 'alice@example.com' },
    { name: 'the Identity Center user id', event: as(sso), pattern: '94482488-3041-7026-18f3-be45837cd0e4' },
    { name: 'the identity store', event: as(sso), pattern: 'arn:aws:identitystore::111122223333:identitystore/*' },
    { name: 'a SAML user name', event: as({ type: 'SAMLUser', principalId: 'Sample=:carol', userName: 'carol', identityProvider: 'Sample=' }), pattern: 'carol' },
    { name: 'a web-identity provider', event: as({ type: 'WebIdentityUser', principalId: 'accounts.google.com:app:1069', userName: '1069', identityProvider: 'accounts.google.com' }), pattern: 'accounts.google.com' },
    { name: 'the invoking service', event: as({ type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' }), pattern: 'cloudformation.amazonaws.com' },
    { name: 'the calling account', event: as({ type: 'AWSAccount', principalId: 'AIDAEXAMPLEFOREIGN01', accountId: '444455556666' }), pattern: '444455556666' },
  ])('$name', ({ event, pattern }) => {
    // Prepare
    const engine = createEngine([fires], config({ allow: { principals: [pattern] } }));

    // Act
    const [finding] = engine.evaluate(event).findings;

    // Assess
    expect(finding?.suppressed).toEqual({ reason: `actor matches allow-list entry "${pattern}"` });
  });

  it('does not suppress on an identifier of another caller', () => {
    // Prepare
    const engine = createEngine([fires], config({ allow: { principals: ['break-glass'] } }));

    // Act
    const [finding] = engine.evaluate(as(assumedRole('OpsAdmin', 'bob'))).findings;

    // Assess
    expect(finding?.suppressed).toBeUndefined();
  });
});
