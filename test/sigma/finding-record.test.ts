/**
 * What a Sigma finding keeps of its record: a batch holds its findings until
 * it notifies, so a finding drops the event's `raw` record unless a
 * correlation rule groups by fields of it; the evidence is taken first.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareSigma } from '../../shared/sigma/setup.js';
import type { RuleContext } from '../../shared/types.js';
import { toEvent } from '../helpers/cloudtrail.js';
import { CONSOLE_LOGIN_RULES, consoleLogin } from './helpers.js';

const RULES = `${CONSOLE_LOGIN_RULES}---
title: Login failures
id: c0c0c0c0-d1d1-4e2e-8f3f-a4a4a4a4a4a4
author: Corr Author
level: high
correlation:
  type: event_count
  rules: [failed_console_login]
  group-by: [userIdentity.userName]
  timespan: 10m
  condition: {gte: 3}
`;

const login = (ok: boolean) => toEvent(consoleLogin('alice', ok, 0));

describe('the record of a Sigma finding', () => {
  it('is kept for a correlation input and dropped otherwise, after the evidence was taken', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'ar-sigma-record-'));
    writeFileSync(join(dir, 'rules.yml'), RULES);
    const setup = await prepareSigma([dir], { skipUnsupported: false, warn: () => {} });
    const rule = (id: string) => {
      const found = setup.extra.find((r) => r.rule.id === `sigma:${id}`);
      if (!found) throw new Error(`no rule ${id}`);
      return found.rule;
    };
    const context = {} as RuleContext;

    // Act
    const [failed] = rule('a1a1a1a1-b2b2-4c3c-8d4d-e5e5e5e5e5e5').match(login(false), context);
    const [ok] = rule('b2b2b2b2-c3c3-4d4d-8e5e-f6f6f6f6f6f6').match(login(true), context);

    // Assess
    expect(failed?.event.raw).toMatchObject({ eventName: 'ConsoleLogin', userIdentity: { userName: 'alice' } });
    expect(ok?.event.raw).toBeUndefined();
    expect(ok?.event).toMatchObject({ action: 'ConsoleLogin', actor: { name: 'alice' }, response: { ConsoleLogin: 'Success' } });
    expect(ok?.evidence.details).toEqual({ fields: { eventName: 'ConsoleLogin', 'responseElements.ConsoleLogin': 'Success' } });
  });
});
