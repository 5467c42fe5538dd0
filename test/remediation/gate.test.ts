import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import type { ConfigInput } from '../../shared/config/schema.js';
import { silentLogger } from '../../shared/log.js';
import { memoryLedger } from '../../shared/store/ledger.js';
import type { ActionContext, RemediationAction } from '../../shared/remediation/action.js';
import { action as revokeSgIngress } from '../../shared/remediation/aws-revoke-sg-ingress.js';
import { remediate } from '../../shared/remediation/gate.js';
import { ruleIds } from '../../shared/rules/index.js';
import type { Finding } from '../../shared/types.js';
import { sgFinding } from '../helpers/findings.js';

function recordingAction(result: () => Promise<{ status: 'done'; reason: string }>): RemediationAction & { calls: Finding[] } {
  const calls: Finding[] = [];
  return {
    id: 'aws-revoke-sg-ingress',
    cloud: 'aws',
    permissions: ['ec2:RevokeSecurityGroupIngress'],
    resources: ['arn:{partition}:ec2:*:{account}:security-group/*'],
    target: revokeSgIngress.target,
    description: 'test',
    calls,
    async apply(_plan, finding) {
      calls.push(finding);
      return result();
    },
  };
}

function setup(config: ConfigInput, action = recordingAction(async () => ({ status: 'done', reason: 'revoked sgr-0f00d' }))) {
  const deps = {
    config: loadConfig({ env: { AUDIT_RESPONDER_CONFIG_JSON: JSON.stringify(config) }, ruleIds }),
    actions: new Map([[action.id, action]]),
    context: () => ({}) as ActionContext,
    logger: silentLogger,
    ledger: memoryLedger(),
    awsAccount: async () => '111122223333',
  };
  return { deps, action };
}

const on = { rules: { 'aws-ec2-sg-ingress-open': { remediate: true } } };

describe('remediate', () => {
  it.each([
    { name: 'mode off', config: { ...on, remediation: { mode: 'off' } }, reason: 'remediation is off (remediation.mode)' },
    { name: 'a rule not switched on', config: { remediation: { mode: 'enforce' } }, reason: 'not switched on for this rule (rules.aws-ec2-sg-ingress-open.remediate)' },
    { name: "the responder's own identity", config: { ...on, remediation: { mode: 'enforce', selfPrincipals: ['arn:aws:iam::*:user/dev-*'] } }, reason: "caused by the responder's own identity (arn:aws:iam::*:user/dev-*): not acted on, to avoid loops" },
    { name: 'a protected resource', config: { ...on, remediation: { mode: 'enforce', protect: { resources: ['sg-0a1b*'] } } }, reason: 'resource is protected by remediation.protect ("sg-0a1b*")' },
    { name: 'a protected principal', config: { ...on, remediation: { mode: 'enforce', protect: { principals: [{ pattern: 'dev-alice' }] } } }, reason: 'actor is protected by remediation.protect ("dev-alice")' },
  ] as { name: string; config: ConfigInput; reason: string }[])('skips on $name without calling anything', async ({ config, reason }) => {
    // Prepare
    const { deps, action } = setup(config);

    // Act
    const [finding] = await remediate([sgFinding()], deps);

    // Assess
    expect(finding?.remediationOutcome).toEqual({ status: 'skipped', reason });
    expect(action.calls).toEqual([]);
  });

  it('skips an allow-listed finding', async () => {
    const { deps, action } = setup({ ...on, remediation: { mode: 'enforce' } });
    const [finding] = await remediate([{ ...sgFinding(), suppressed: { reason: 'lab account' } }], deps);
    expect(finding?.remediationOutcome).toEqual({ status: 'skipped', reason: 'allow-listed: lab account' });
    expect(action.calls).toEqual([]);
  });

  it('reports the plan in dry-run (the default) and calls nothing', async () => {
    const { deps, action } = setup(on);
    const [finding] = await remediate([sgFinding()], deps);
    expect(finding?.remediationOutcome).toEqual({ status: 'would-do', reason: 'dry-run: would revoke tcp/22 from 0.0.0.0/0 (sgr-0f00d) on sg-0a1b2c3d4e5f60789' });
    expect(action.calls).toEqual([]);
  });

  it('applies in enforce mode once, even when the event is delivered again', async () => {
    // Prepare
    const { deps, action } = setup({ ...on, remediation: { mode: 'enforce' } });
    const finding = sgFinding();

    // Act
    const [first] = await remediate([finding], deps);
    const [again] = await remediate([finding], deps);

    // Assess
    expect(first?.remediationOutcome).toEqual({ status: 'done', reason: 'revoked sgr-0f00d' });
    // #10: the retry reports the recorded outcome and when, never an unproven "already fixed".
    expect(again?.remediationOutcome).toEqual({ status: 'done', reason: expect.stringMatching(/^done by an earlier delivery at \d{4}-\d\d-\d\dT[\d:.]+Z: revoked sgr-0f00d$/) });
    expect(action.calls).toHaveLength(1);
  });

  it('turns a throwing action into a failed outcome and carries on', async () => {
    const { deps } = setup({ ...on, remediation: { mode: 'enforce' } }, recordingAction(async () => { throw new Error('UnauthorizedOperation: not allowed'); }));
    const findings = await remediate([sgFinding(), sgFinding({ groupId: 'sg-0000000000000beef' })], deps);
    expect(findings.map((f) => f.remediationOutcome)).toEqual([
      { status: 'failed', reason: 'UnauthorizedOperation: not allowed' },
      { status: 'failed', reason: 'UnauthorizedOperation: not allowed' },
    ]);
  });

  it('shows every plan in a local review (every rule treated as switched on)', async () => {
    const { deps } = setup({});
    const [finding] = await remediate([sgFinding()], { ...deps, everyRule: true });
    expect(finding?.remediationOutcome?.status).toBe('would-do');
  });
});
