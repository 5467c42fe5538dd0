/** Compile Sigma rules written inline in tests (our own rules, in the real YAML format). */
import { parse } from 'yaml';
import { compileRule } from '../../shared/sigma/compile.js';
import type { CompiledSigmaRule } from '../../shared/sigma/compile.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';

/** A CloudTrail rule with the given detection block (YAML, indented two spaces under `detection:`). */
export function awsRule(detection: string, extra = ''): CompiledSigmaRule {
  return compileRule(parse(`title: Test rule
id: 11111111-2222-4333-8444-555555555555
status: test
author: Test Author
level: high
logsource:
  product: aws
  service: cloudtrail
detection:
${detection}
${extra}`) as Record<string, unknown>, 'test.yml');
}

/** The detection with one selection and `condition: selection`. */
export function selection(body: string): CompiledSigmaRule {
  return awsRule(`  selection:\n${body.replace(/^/gm, '    ')}\n  condition: selection`);
}

/** Two detection rules on console sign-ins, failed and successful (names `failed_console_login`, `ok_console_login`). */
export const CONSOLE_LOGIN_RULES = `title: Failed console login
id: a1a1a1a1-b2b2-4c3c-8d4d-e5e5e5e5e5e5
name: failed_console_login
author: Jane Analyst
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    eventName: ConsoleLogin
    responseElements.ConsoleLogin: Failure
  condition: selection
level: low
---
title: Successful console login
id: b2b2b2b2-c3c3-4d4d-8e5e-f6f6f6f6f6f6
name: ok_console_login
author: Jane Analyst
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    eventName: ConsoleLogin
    responseElements.ConsoleLogin: Success
  condition: selection
level: low
`;

/** A console sign-in of IAM user `user` at 12:`minute` on 2026-10-01, failed or successful. */
export function consoleLogin(user: string, ok: boolean, minute: number, ip = '198.51.100.7') {
  return cloudTrailRecord({
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    eventTime: `2026-10-01T12:${String(minute).padStart(2, '0')}:00Z`,
    sourceIPAddress: ip,
    userIdentity: { type: 'IAMUser', userName: user, arn: `arn:aws:iam::111122223333:user/${user}`, accountId: '111122223333' },
    responseElements: { ConsoleLogin: ok ? 'Success' : 'Failure' },
  });
}
