import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/yandex-vpc-delete-sg-rule.js';
import { rule } from '../../shared/rules/yandex-vpc-sg-ingress-open.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { yandexEvent } from '../helpers/yandex.js';
import { type FakeYandexApi, TEST_TOKEN, apiError, ok, operationDone, operationFailed, operationRunning, startFakeYandexApi } from '../helpers/yandex-api-server.js';
import { findingFor } from '../helpers/findings.js';

const GROUP = '/vpc/v1/securityGroups/enpsg000web';
const sgRule = (id: string, cidr: string, port: string) => ({
  id,
  description: `rule ${id}`,
  direction: 'INGRESS',
  ports: { from_port: port, to_port: port },
  protocol_name: 'TCP',
  protocol_number: '6',
  cidr_blocks: { v4_cidr_blocks: [cidr] },
});
// The group as the VPC API returns it (camelCase, int64 as strings).
const apiRule = (id: string, cidr: string, port: string) => ({
  id,
  description: `rule ${id}`,
  direction: 'INGRESS',
  ports: { fromPort: port, toPort: port },
  protocolName: 'TCP',
  protocolNumber: '6',
  cidrBlocks: { v4CidrBlocks: [cidr] },
});
const group = (rules: unknown[]) => ({ id: 'enpsg000web', folderId: 'b1gvmob95yexample001', name: 'web-sg', networkId: 'enpnet', status: 'ACTIVE', rules });

function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = yandexEvent('network', 'UpdateSecurityGroup', {
    security_group_id: 'enpsg000web',
    security_group_name: 'web-sg',
    network_id: 'enpnet',
    rules: [sgRule('enpr1', '10.0.0.0/8', '443'), sgRule('enpr2', '0.0.0.0/0', '22'), sgRule('enpr3', '0.0.0.0/0', '3389')],
  });
  return findingFor(rule, record);
}

describe('yandex-vpc-delete-sg-rule', () => {
  let api: FakeYandexApi;
  beforeEach(async () => {
    api = await startFakeYandexApi();
  });
  afterEach(() => api.stop());

  it('reads the group, then deletes only the plan rules that still exist', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    const open22 = apiRule('enpr2', '0.0.0.0/0', '22');
    api.on('GET', GROUP, ok(group([apiRule('enpr1', '10.0.0.0/8', '443'), open22])));
    api.on('PATCH', `${GROUP}/rules`, operationDone({ id: 'enpsg000web' }, 'enpop0001'));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(api.calls.map((c) => [c.method, c.path, c.headers.authorization, c.body])).toEqual([
      ['GET', GROUP, `Bearer ${TEST_TOKEN}`, undefined],
      ['PATCH', `${GROUP}/rules`, `Bearer ${TEST_TOKEN}`, { deletionRuleIds: ['enpr2'] }],
    ]);
    expect(api.calls[1]?.headers['content-type']).toBe('application/json');
    expect(result).toEqual({
      status: 'done',
      reason: 'deleted rule enpr2 from security group enpsg000web',
      changes: [{ securityGroupId: 'enpsg000web', deletionRuleIds: ['enpr2'], removedRules: [open22], operationId: 'enpop0001' }],
    });
  });

  it('says when the operation is still running', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    api.on('GET', GROUP, ok(group([apiRule('enpr2', '0.0.0.0/0', '22'), apiRule('enpr3', '0.0.0.0/0', '3389')])));
    api.on('PATCH', `${GROUP}/rules`, operationRunning('enpop0002'));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(api.calls[1]?.body).toEqual({ deletionRuleIds: ['enpr2', 'enpr3'] });
    expect(result).toMatchObject({ status: 'done', reason: 'deleted rules enpr2, enpr3 from security group enpsg000web (operation enpop0002 still running)' });
  });

  it.each([
    { name: 'the rules are gone', answer: ok(group([apiRule('enpr1', '10.0.0.0/8', '443')])), reason: 'rules enpr2, enpr3 no longer in enpsg000web' },
    { name: 'the group has no rules', answer: ok(group([])), reason: 'rules enpr2, enpr3 no longer in enpsg000web' },
    { name: 'the group is gone', answer: apiError(404, 5, 'Security group enpsg000web not found'), reason: 'security group enpsg000web no longer exists' },
  ])('is already fixed when $name, without writing', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    api.on('GET', GROUP, answer);

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
    expect(api.calls.map((c) => c.method)).toEqual(['GET']);
  });

  it.each([
    { name: 'the read is denied', get: apiError(403, 7, 'Permission denied'), patch: undefined, reason: 'reading security group enpsg000web: HTTP 403 (code 7): Permission denied' },
    { name: 'the write is denied', get: ok(group([apiRule('enpr3', '0.0.0.0/0', '3389')])), patch: apiError(403, 7, 'Permission denied'), reason: 'deleting rules enpr3 from enpsg000web: HTTP 403 (code 7): Permission denied' },
    { name: 'the operation fails', get: ok(group([apiRule('enpr3', '0.0.0.0/0', '3389')])), patch: operationFailed(9, 'Security group is being updated'), reason: 'deleting rules enpr3 from enpsg000web: HTTP 200 (code 9): Security group is being updated' },
  ])('fails with the status and message when $name', async ({ get, patch, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    api.on('GET', GROUP, get);
    if (patch) api.on('PATCH', `${GROUP}/rules`, patch);

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason });
  });

  it('fails, without throwing, when the API cannot be reached', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    const context = api.context();
    await api.stop();

    // Act
    const result = await action.apply(plan, f, context);

    // Assess
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/^reading security group enpsg000web: no answer from vpc: GET http:\/\/127\.0\.0\.1:\d+\/vpc\/v1\/securityGroups\/enpsg000web: /);
    expect(result.reason).not.toContain(TEST_TOKEN);
    api = await startFakeYandexApi();
  });

  it('leaves the group untouched when the evidence rules are gone and another open rule is present: already-fixed', async () => {
    // Prepare: enpr2/enpr3 are gone; enpr9 (open to the world, another finding's evidence) is there.
    const { finding: f, plan } = finding();
    api.on('GET', GROUP, ok(group([apiRule('enpr1', '10.0.0.0/8', '443'), apiRule('enpr9', '0.0.0.0/0', '22')])));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason: 'rules enpr2, enpr3 no longer in enpsg000web' });
    expect(api.calls.map((c) => c.method)).toEqual(['GET']);
  });
});
