import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/yandex-remove-access-binding.js';
import { rule } from '../../shared/rules/yandex-access-binding-grant.js';
import { rule as publicRule } from '../../shared/rules/yandex-access-binding-public.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { yandexEvent } from '../helpers/yandex.js';
import { type FakeYandexApi, TEST_TOKEN, apiError, operationDone, operationFailed, startFakeYandexApi } from '../helpers/yandex-api-server.js';
import { findingFor } from '../helpers/findings.js';

const user = { subject_id: 'ajecontractor0000001', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_name: 'contractor.dev' };
const everyone = { subject_id: 'allUsers', subject_type: 'SYSTEM', subject_name: 'allUsers' };
const delta = (action: string, role_id: string, subject: object = user) => ({ action, access_binding: { role_id, ...subject } });

function finding(service: string, name: string, details: Record<string, unknown>): { finding: Finding; plan: RemediationPlan } {
  return findingFor(rule, yandexEvent(service, name, details));
}
const onFolder = (...deltas: object[]) =>
  finding('resourcemanager', 'UpdateFolderAccessBindings', { folder_id: 'b1gfolder00000000001', folder_name: 'backend', access_binding_deltas: deltas });
const FOLDER = '/resource-manager/v1/folders/b1gfolder00000000001:updateAccessBindings';
const remove = (roleId: string, id: string, type: string) => ({ action: 'REMOVE', accessBinding: { roleId, subject: { id, type } } });

describe('yandex-remove-access-binding', () => {
  let api: FakeYandexApi;
  beforeEach(async () => {
    api = await startFakeYandexApi();
  });
  afterEach(() => api.stop());

  it('removes exactly the granted bindings, never the REMOVE deltas or harmless ADDs of the event', async () => {
    // Prepare
    const { finding: f, plan } = onFolder(delta('REMOVE', 'viewer'), delta('ADD', 'admin'), delta('ADD', 'viewer', { subject_id: 'ajeintern00000000001', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT' }), delta('ADD', 'viewer', everyone));
    api.on('POST', FOLDER, operationDone({}, 'b1gop0001'));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    const deltas = [remove('admin', 'ajecontractor0000001', 'userAccount'), remove('viewer', 'allUsers', 'system')];
    expect(api.calls.map((c) => [c.method, c.path, c.headers.authorization, c.body])).toEqual([
      ['POST', FOLDER, `Bearer ${TEST_TOKEN}`, { accessBindingDeltas: deltas }],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: 'removed admin from userAccount:ajecontractor0000001, viewer from system:allUsers on folder b1gfolder00000000001',
      changes: [{ kind: 'folder', resourceId: 'b1gfolder00000000001', removedBindings: deltas.map((d) => d.accessBinding), operationId: 'b1gop0001' }],
    });
  });

  it.each([
    { kind: 'cloud', service: 'resourcemanager', event: 'UpdateCloudAccessBindings', idKey: 'cloud_id', id: 'b1gcloud000000000001', path: '/resource-manager/v1/clouds/b1gcloud000000000001:updateAccessBindings' },
    { kind: 'organization', service: 'organizationmanager', event: 'SetOrganizationAccessBindings', idKey: 'organization_id', id: 'bpforg00000000000001', path: '/organization-manager/v1/organizations/bpforg00000000000001:updateAccessBindings' },
    { kind: 'group', service: 'organizationmanager', event: 'UpdateGroupAccessBindings', idKey: 'group_id', id: 'ajggroup000000000001', path: '/organization-manager/v1/groups/ajggroup000000000001:updateAccessBindings' },
    { kind: 'serviceAccount', service: 'iam', event: 'UpdateServiceAccountAccessBindings', idKey: 'service_account_id', id: 'ajesa000000000000001', path: '/iam/v1/serviceAccounts/ajesa000000000000001:updateAccessBindings' },
    { kind: 'secret', service: 'lockbox', event: 'UpdateSecretAccessBindings', idKey: 'secret_id', id: 'e6qsecret00000000001', path: '/lockbox/v1/secrets/e6qsecret00000000001:updateAccessBindings' },
    { kind: 'kmsKey', service: 'kms', event: 'UpdateSymmetricKeyAccessBindings', idKey: 'key_id', id: 'abjkey00000000000001', path: '/kms/v1/keys/abjkey00000000000001:updateAccessBindings' },
  ])('calls the $kind API', async ({ kind, service, event, idKey, id, path }) => {
    // Prepare
    const { finding: f, plan } = finding(service, event, { [idKey]: id, access_binding_deltas: [delta('ADD', 'editor', { subject_id: 'ajesa0000000deploy01', subject_type: 'SERVICE_ACCOUNT' })] });
    api.on('POST', path, operationDone({ effectiveDeltas: [remove('editor', 'ajesa0000000deploy01', 'serviceAccount')] }));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(api.calls.map((c) => [c.method, c.path, c.headers.authorization, c.body])).toEqual([
      ['POST', path, `Bearer ${TEST_TOKEN}`, { accessBindingDeltas: [remove('editor', 'ajesa0000000deploy01', 'serviceAccount')] }],
    ]);
    expect(result).toMatchObject({ status: 'done', reason: `removed editor from serviceAccount:ajesa0000000deploy01 on ${kind} ${id}` });
  });

  // yandex-access-binding-public: functions, containers, API gateways, container registries and repositories.
  it.each([
    { kind: 'function', service: 'serverless.functions', event: 'SetFunctionAccessBindings', idKey: 'function_id', id: 'd4eexamplefunction01', role: 'functions.functionInvoker', path: '/functions/v1/functions/d4eexamplefunction01:updateAccessBindings' },
    { kind: 'container', service: 'serverless.containers', event: 'UpdateContainerAccessBindings', idKey: 'container_id', id: 'bbaexamplecontainer1', role: 'serverless.containers.invoker', path: '/containers/v1/containers/bbaexamplecontainer1:updateAccessBindings' },
    { kind: 'apiGateway', service: 'serverless.apigateway', event: 'SetApiGatewayAccessBindings', idKey: 'api_gateway_id', id: 'd5dexamplegw01', role: 'serverless.apiGateways.websocketWriter', path: '/apigateways/v1/apigateways/d5dexamplegw01:updateAccessBindings' },
    { kind: 'containerRegistry', service: 'containerregistry', event: 'UpdateRegistryAccessBindings', idKey: 'registry_id', id: 'crpexampleregistry01', role: 'container-registry.images.puller', path: '/container-registry/v1/registries/crpexampleregistry01:updateAccessBindings' },
    { kind: 'containerRepository', service: 'containerregistry', event: 'SetRepositoryAccessBindings', idKey: 'repository_id', id: 'crpexamplerepo000001', role: 'container-registry.images.puller', path: '/container-registry/v1/repositories/crpexamplerepo000001:updateAccessBindings' },
  ])('removes the public binding from a $kind through its API', async ({ kind, service, event, idKey, id, role, path }) => {
    // Prepare
    const { finding: found, plan } = findingFor(publicRule, yandexEvent(service, event, { [idKey]: id, access_binding_deltas: [delta('ADD', role, everyone)] }));
    api.on('POST', path, operationDone({}, 'bbaop0001'));

    // Act
    const result = await action.apply(plan, found, api.context());

    // Assess
    expect(api.calls.map((c) => [c.method, c.path, c.headers.authorization, c.body])).toEqual([
      ['POST', path, `Bearer ${TEST_TOKEN}`, { accessBindingDeltas: [remove(role, 'allUsers', 'system')] }],
    ]);
    expect(result).toEqual({
      status: 'done',
      reason: `removed ${role} from system:allUsers on ${kind} ${id}`,
      changes: [{ kind, resourceId: id, removedBindings: [{ roleId: role, subject: { id: 'allUsers', type: 'system' } }], operationId: 'bbaop0001' }],
    });
  });

  it.each([
    { name: 'gone (NOT_FOUND)', answer: apiError(404, 5, 'Function not found'), status: 'already-fixed', reason: 'functions.functionInvoker from system:allUsers is no longer on function d4eexamplefunction01: HTTP 404 (code 5): Function not found' },
    { name: 'refused', answer: apiError(403, 7, 'Permission denied'), status: 'failed', reason: 'removing functions.functionInvoker from system:allUsers on function d4eexamplefunction01: HTTP 403 (code 7): Permission denied' },
  ])('reports a function whose binding API answers $name', async ({ answer, status, reason }) => {
    // Prepare
    const { finding: found, plan } = findingFor(publicRule, yandexEvent('serverless.functions', 'SetFunctionAccessBindings', { function_id: 'd4eexamplefunction01', access_binding_deltas: [delta('ADD', 'functions.functionInvoker', everyone)] }));
    api.on('POST', '/functions/v1/functions/d4eexamplefunction01:updateAccessBindings', answer);

    // Act
    const result = await action.apply(plan, found, api.context());

    // Assess
    expect(api.calls).toHaveLength(1);
    expect(result).toEqual({ status, reason });
  });

  it('calls the Storage API (a PATCH) for a bucket', async () => {
    // Prepare: Storage logs `deltas` with the action as its enum number and the API subject form.
    const path = '/storage/v1/buckets/acme-media:updateAccessBindings';
    const { finding: f, plan } = finding('storage', 'BucketAccessBindingsUpdate', {
      bucket_id: 'acme-media',
      deltas: [{ action: 1, access_binding: { role_id: 'storage.admin', subject: { id: 'ajecontractor0000001', type: 'userAccount' } } }],
    });
    api.on('PATCH', path, operationDone());

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(api.calls.map((c) => [c.method, c.path, c.headers.authorization, c.body])).toEqual([
      ['PATCH', path, `Bearer ${TEST_TOKEN}`, { accessBindingDeltas: [remove('storage.admin', 'ajecontractor0000001', 'userAccount')] }],
    ]);
    expect(result).toMatchObject({ status: 'done', reason: 'removed storage.admin from userAccount:ajecontractor0000001 on bucket acme-media' });
  });

  it.each([
    { name: 'the API answers NOT_FOUND', answer: apiError(404, 5, 'Access binding not found'), reason: 'admin from userAccount:ajecontractor0000001 is no longer on folder b1gfolder00000000001: HTTP 404 (code 5): Access binding not found' },
    { name: 'no delta took effect', answer: operationDone({ effectiveDeltas: [] }), reason: 'admin from userAccount:ajecontractor0000001 is no longer on folder b1gfolder00000000001' },
  ])('is already fixed when $name', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = onFolder(delta('ADD', 'admin'));
    api.on('POST', FOLDER, answer);

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'already-fixed', reason });
  });

  it.each([
    { name: 'the call is denied', answer: apiError(403, 7, 'Permission denied to resource-manager.folder b1gfolder00000000001'), reason: 'removing admin from userAccount:ajecontractor0000001 on folder b1gfolder00000000001: HTTP 403 (code 7): Permission denied to resource-manager.folder b1gfolder00000000001' },
    { name: 'the operation fails', answer: operationFailed(9, 'Cannot remove the last owner'), reason: 'removing admin from userAccount:ajecontractor0000001 on folder b1gfolder00000000001: HTTP 200 (code 9): Cannot remove the last owner' },
  ])('fails with the status and message when $name', async ({ answer, reason }) => {
    // Prepare
    const { finding: f, plan } = onFolder(delta('ADD', 'admin'));
    api.on('POST', FOLDER, answer);

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess
    expect(result).toEqual({ status: 'failed', reason });
  });

  it.each([
    { name: 'an unknown resource kind', change: (p: RemediationPlan) => ({ ...p, target: { ...p.target, kind: 'computeInstance' } }), finding: () => onFolder(delta('ADD', 'admin')), reason: 'no remover for access bindings on a computeInstance: remove the binding by hand' },
    { name: 'an asymmetric KMS key', change: (p: RemediationPlan) => p, finding: () => finding('kms', 'UpdateAsymmetricSignatureKeyAccessBindings', { key_id: 'abjkey00000000000002', access_binding_deltas: [delta('ADD', 'kms.admin')] }), reason: 'asymmetric KMS keys are not supported: remove the binding by hand' },
  ])('skips $name without calling the API', async ({ change, finding: make, reason }) => {
    // Prepare
    const { finding: f, plan } = make();

    // Act
    const result = await action.apply(change(plan), f, api.context());

    // Assess
    expect(result).toEqual({ status: 'skipped', reason });
    expect(api.calls).toEqual([]);
  });

  it('sends only the evidence binding when it is gone and other admin bindings are present: already-fixed, the others untouched', async () => {
    // Prepare: the folder's admin binding of the finding was removed by hand; another subject's admin binding is there (another finding).
    const { finding: f, plan } = onFolder(delta('ADD', 'admin'));
    api.on('POST', FOLDER, operationDone({ effectiveDeltas: [] }));

    // Act
    const result = await action.apply(plan, f, api.context());

    // Assess: one REMOVE delta, for the evidence only; nothing lists or rewrites the folder's bindings.
    expect(api.calls.map((c) => [c.method, c.path])).toEqual([['POST', FOLDER]]);
    expect(api.calls[0]?.body).toEqual({ accessBindingDeltas: [expect.objectContaining({ action: 'REMOVE' })] });
    expect(result).toEqual({ status: 'already-fixed', reason: 'admin from userAccount:ajecontractor0000001 is no longer on folder b1gfolder00000000001' });
  });
});
