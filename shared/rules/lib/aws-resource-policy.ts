/**
 * The public statements of a resource policy (KMS key, SQS queue, SNS
 * topic, Secrets Manager secret, ECR repository, EFS file system), with the
 * one policy module's semantics: Allow + public principal + no condition
 * restricting callers. One finding builder for the per-service rules.
 */
import type { AuditEvent, Finding, Rule } from '../../types.js';
import { conditionRestrictsCallers, isAllow, isPublicPrincipal, parsePolicy } from './aws-policy.js';
import { makeFinding } from './finding.js';

/** What a per-service rule tells the builder. */
export interface PolicyTarget {
  /** `kms-key`, `sqs-queue`, ... */
  readonly type: string;
  /** Key id, queue URL, topic ARN, secret id, repository name, file-system id; `undefined` when the log names none (no plan then). */
  readonly id: string | undefined;
  /** The policy as logged (object, JSON text). */
  readonly policy: unknown;
  /** Remediation action id. */
  readonly action: string;
  /** Extra target fields for the action. */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Findings for the public statements of `target.policy` ([] when there are none). */
export function publicPolicyFindings(rule: Pick<Rule, 'id' | 'category' | 'severity' | 'title'>, event: AuditEvent, target: PolicyTarget): Finding[] {
  const statements = parsePolicy(target.policy) ?? [];
  const open = statements.filter((s) => isAllow(s) && isPublicPrincipal(s) && !conditionRestrictsCallers(s.Condition));
  if (open.length === 0) return [];
  const actions = [...new Set(open.flatMap((s) => s.Action ?? ['NotAction']))];
  const sids = open.map((s, i) => (s.Sid !== undefined ? String(s.Sid) : `#${i}`));
  const wide = actions.some((a) => a === '*' || a === 'NotAction' || /:\*$/.test(a));
  const id = target.id ?? `unknown ${target.type}`;
  return [
    makeFinding(rule, event, {
      severity: wide ? 'critical' : rule.severity,
      resource: { type: target.type, id },
      evidence: {
        summary: `${id}: Allow * ${actions.join(', ')}${open.some((s) => s.Condition) ? ' (condition does not restrict callers)' : ''}`,
        details: { resource: id, statements: open.map((s) => s.raw) },
      },
      remediation: target.id
        ? {
            action: target.action,
            target: { ...target.extra, id: target.id, ...(event.region ? { region: event.region } : {}), statements: open.map((s) => s.raw) },
            summary: `remove the public statements (${sids.join(', ')}) from the policy of ${target.id}`,
          }
        : null,
    }),
  ];
}
