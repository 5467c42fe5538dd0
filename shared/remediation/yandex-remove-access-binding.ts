/**
 * Remove exactly the access bindings a finding names (role + subject) from
 * a Yandex Cloud resource with one `REMOVE` delta each
 * (`POST {api}/{resource}:updateAccessBindings`, docs: resource-manager/api-ref/Folder/updateAccessBindings
 * and the same method of clouds, organizations, groups, service accounts,
 * Lockbox secrets, KMS symmetric keys, serverless functions and containers,
 * API gateways, container registries and repositories, and buckets, where it is a `PATCH`).
 * Kinds without a remover (DB proxies, Cloud Registry, log groups, trails) are `skipped`.
 * Every other binding is untouched.
 */
import type { Finding, JsonValue, RemediationOutcome, RemediationPlan } from '../types.js';
import { type ActionContext, type RemediationAction, outcome } from './action.js';
import { callYandex, operationId, stillRunning } from './lib/yandex-operation.js';
import { z } from 'zod';
import * as t from './lib/targets.js';

/** API, resource path prefix and method per plan `kind` (the rule's resource kinds). */
const RESOURCES: Readonly<Record<string, { readonly api: string; readonly path: string; readonly method?: 'PATCH' }>> = {
  folder: { api: 'resource-manager', path: '/resource-manager/v1/folders/' },
  cloud: { api: 'resource-manager', path: '/resource-manager/v1/clouds/' },
  organization: { api: 'organization-manager', path: '/organization-manager/v1/organizations/' },
  group: { api: 'organization-manager', path: '/organization-manager/v1/groups/' },
  serviceAccount: { api: 'iam', path: '/iam/v1/serviceAccounts/' },
  secret: { api: 'lockbox', path: '/lockbox/v1/secrets/' },
  kmsKey: { api: 'kms', path: '/kms/v1/keys/' },
  // Object Storage declares this method as PATCH (cloudapi storage/v1/bucket_service.proto).
  bucket: { api: 'storage', path: '/storage/v1/buckets/', method: 'PATCH' },
  // The `yandex-access-binding-public` kinds (REST api-ref: Function, Container, ApiGateway,
  // Registry and Repository `updateAccessBindings`, each a POST of `accessBindingDeltas`).
  function: { api: 'serverless-functions', path: '/functions/v1/functions/' },
  container: { api: 'serverless-containers', path: '/containers/v1/containers/' },
  apiGateway: { api: 'serverless-apigateway', path: '/apigateways/v1/apigateways/' },
  containerRegistry: { api: 'container-registry', path: '/container-registry/v1/registries/' },
  containerRepository: { api: 'container-registry', path: '/container-registry/v1/repositories/' },
};

interface Binding {
  readonly roleId: string;
  readonly subject: { readonly id: string; readonly type: string };
}

function bindingOf(value: JsonValue): Binding | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { roleId, subject } = value as { roleId?: unknown; subject?: unknown };
  const { id, type } = (subject !== null && typeof subject === 'object' ? subject : {}) as { id?: unknown; type?: unknown };
  if (typeof roleId !== 'string' || typeof id !== 'string' || typeof type !== 'string') return undefined;
  return { roleId, subject: { id, type } };
}

async function apply(plan: RemediationPlan, finding: Finding, context: ActionContext): Promise<RemediationOutcome> {
  const kind = typeof plan.target.kind === 'string' ? plan.target.kind : '(no kind)';
  const resourceId = plan.target.resourceId;
  const resource = RESOURCES[kind];
  if (!resource) return outcome.skipped(`no remover for access bindings on a ${kind}: remove the binding by hand`);
  if (kind === 'kmsKey' && /Asymmetric/.test(finding.event.action)) return outcome.skipped('asymmetric KMS keys are not supported: remove the binding by hand');
  if (typeof resourceId !== 'string' || resourceId === '') return outcome.skipped(`the plan names no ${kind}`);
  const all = Array.isArray(plan.target.bindings) ? plan.target.bindings.map(bindingOf) : [];
  const bindings = all.filter((b): b is Binding => b !== undefined);
  if (bindings.length === 0 || bindings.length !== all.length) return outcome.skipped('the plan has no complete binding (role, subject id and type)');

  const path = `${resource.path}${encodeURIComponent(resourceId)}:updateAccessBindings`;
  const accessBindingDeltas = bindings.map((accessBinding) => ({ action: 'REMOVE', accessBinding }));
  const where = `${kind} ${resourceId}`;
  const what = bindings.map((b) => `${b.roleId} from ${b.subject.type}:${b.subject.id}`).join(', ');
  const res = await callYandex(context.yandex, resource.method ?? 'POST', resource.api, path, { accessBindingDeltas });
  if (!res.ok) return res.notFound ? outcome.alreadyFixed(`${what} is no longer on ${where}: ${res.reason}`) : outcome.failed(`removing ${what} on ${where}: ${res.reason}`);
  // Service accounts answer with the deltas that took effect: none means the bindings were already gone.
  const response = res.body.response;
  const effective = response !== null && typeof response === 'object' ? (response as { effectiveDeltas?: unknown }).effectiveDeltas : undefined;
  if (Array.isArray(effective) && effective.length === 0) return outcome.alreadyFixed(`${what} is no longer on ${where}`);
  return outcome.done(`removed ${what} on ${where}${stillRunning(res.body)}`, [
    { kind, resourceId, removedBindings: bindings.map((b) => ({ roleId: b.roleId, subject: { ...b.subject } })), operationId: operationId(res.body) },
  ]);
}

/** `yandex-remove-access-binding`: remove the finding's role bindings from the resource. */
export const action: RemediationAction = {
  id: 'yandex-remove-access-binding',
  cloud: 'yandex',
  permissions: [
    'resource-manager.admin',
    'organization-manager.admin',
    'iam.serviceAccounts.admin',
    'lockbox.admin',
    'kms.admin',
    'storage.admin',
    'functions.admin',
    'serverless.containers.admin',
    'api-gateway.admin',
    'container-registry.admin',
  ],
  resources: ['the resource the binding is on (folder, cloud, organization, group, service account, secret, key, bucket, function, container, API gateway, container registry or repository): resource-level where the API allows, else the folder/cloud/organization'],
  target: t.target({ kind: z.string(), resourceId: z.string(), bindings: z.array(z.unknown()) }).superRefine((p, ctx) => {
    const grammar = p.kind === 'bucket' ? t.bucketName : t.yandexId;
    const check = grammar.safeParse(p.resourceId);
    if (!check.success) ctx.addIssue({ code: 'custom', path: ['resourceId'], message: check.error.issues[0]?.message ?? 'invalid' });
  }),
  description: 'Removes the role bindings the finding names from a Yandex Cloud folder, cloud, organization, group, service account, Lockbox secret, KMS key, bucket, serverless function or container, API gateway, or container registry or repository; other bindings are kept.',
  apply,
};
