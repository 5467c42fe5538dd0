/** Compile Sigma rules written inline in tests (our own rules, in the real YAML format). */
import { parse } from 'yaml';
import { compileRule } from '../../shared/sigma/compile.js';
import type { CompiledSigmaRule } from '../../shared/sigma/compile.js';

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
