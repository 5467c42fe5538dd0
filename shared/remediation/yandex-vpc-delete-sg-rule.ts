/**
 * Delete the world-open ingress rules of a Yandex VPC security group, by
 * rule id, and nothing else: the group is read first and only the plan's
 * rules that still exist are sent as `deletionRuleIds`
 * (`PATCH /vpc/v1/securityGroups/{id}/rules`, docs: vpc/api-ref/SecurityGroup/updateRules).
 */
import type { Finding, JsonValue, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { callYandex, operationId, stillRunning } from './lib/yandex-operation.js';
import { z } from 'zod';
import * as t from './lib/targets.js';

function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

async function apply(plan: RemediationPlan, _finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const groupId = plan.target.securityGroupId;
  const ruleIds = stringList(plan.target.ruleIds);
  if (typeof groupId !== 'string' || groupId === '') return outcome.skipped('the plan names no security group');
  if (ruleIds.length === 0) return outcome.skipped(`the plan names no rule id in ${groupId}: delete the rule by hand`);
  const path = `/vpc/v1/securityGroups/${encodeURIComponent(groupId)}`;

  const read = await callYandex(context.yandex, 'GET', 'vpc', path);
  if (!read.ok) {
    return read.notFound ? outcome.alreadyFixed(`security group ${groupId} no longer exists`) : outcome.failed(`reading security group ${groupId}: ${read.reason}`);
  }
  const current = Array.isArray(read.body.rules) ? (read.body.rules as JsonValue[]) : [];
  const idOf = (rule: JsonValue): unknown => (rule !== null && typeof rule === 'object' && !Array.isArray(rule) ? (rule as { id?: unknown }).id : undefined);
  const present = ruleIds.filter((id) => current.some((rule) => idOf(rule) === id));
  if (present.length === 0) return outcome.alreadyFixed(`rule${ruleIds.length === 1 ? '' : 's'} ${ruleIds.join(', ')} no longer in ${groupId}`);

  const write = await callYandex(context.yandex, 'PATCH', 'vpc', `${path}/rules`, { deletionRuleIds: present });
  if (!write.ok) {
    return write.notFound ? outcome.alreadyFixed(`security group ${groupId} no longer exists`) : outcome.failed(`deleting rules ${present.join(', ')} from ${groupId}: ${write.reason}`);
  }
  const removed = current.filter((rule) => present.includes(String(idOf(rule))));
  return outcome.done(`deleted rule${present.length === 1 ? '' : 's'} ${present.join(', ')} from security group ${groupId}${stillRunning(write.body)}`, [
    { securityGroupId: groupId, deletionRuleIds: present, removedRules: removed, operationId: operationId(write.body) },
  ]);
}

/** `yandex-vpc-delete-sg-rule`: delete the plan's still-present rules from the security group. */
export const action: RemediationAction = {
  id: 'yandex-vpc-delete-sg-rule',
  cloud: 'yandex',
  permissions: ['vpc.securityGroups.admin'],
  resources: ['the folder of the security groups'],
  target: t.target({ securityGroupId: t.yandexId, ruleIds: z.array(t.yandexId) }),
  description: 'Deletes the world-open ingress rules (by rule id) from a Yandex VPC security group; other rules are kept.',
  apply,
};
