import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-access-binding-public.js';
import { failedYandex, startedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';
import { ownContext } from '../helpers/rules.js';

const delta = (role_id: string, subject_id: string, action = 'ADD', subject_type = 'SYSTEM') => ({ action, access_binding: { role_id, subject_id, subject_type } });
const fn = (...deltas: object[]) => yandexEvent('serverless.functions', 'SetFunctionAccessBindings', { function_id: 'd4eexamplefunction01', function_name: 'webhook', access_binding_deltas: deltas }, { event_source: 'serverless' });

describe('yandex-access-binding-public', () => {
  it.each([
    { name: 'a function invokable by allUsers', record: fn(delta('functions.functionInvoker', 'allUsers')), severity: 'high', kind: 'function', id: 'd4eexamplefunction01', summary: 'functions.functionInvoker to allUsers on function webhook' },
    { name: 'a function editable by allAuthenticatedUsers', record: fn(delta('functions.editor', 'allAuthenticatedUsers')), severity: 'critical', kind: 'function', id: 'd4eexamplefunction01', summary: 'functions.editor to allAuthenticatedUsers on function webhook' },
    {
      name: 'a registry pullable by allUsers',
      record: yandexEvent('containerregistry', 'UpdateRegistryAccessBindings', { registry_id: 'crpexampleregistry01', registry_name: 'images', access_binding_deltas: [delta('container-registry.images.puller', 'allUsers')] }),
      severity: 'high',
      kind: 'containerRegistry',
      id: 'crpexampleregistry01',
      summary: 'container-registry.images.puller to allUsers on containerRegistry images',
    },
    {
      name: 'an API gateway',
      record: yandexEvent('serverless.apigateway', 'SetApiGatewayAccessBindings', { api_gateway_id: 'd5dexamplegw01', access_binding_deltas: [delta('serverless.apiGateways.websocketWriter', 'allUsers')] }),
      severity: 'critical',
      kind: 'apiGateway',
      id: 'd5dexamplegw01',
      summary: 'serverless.apiGateways.websocketWriter to allUsers on apiGateway d5dexamplegw01',
    },
  ])('fires on $name', ({ record, severity, kind, id, summary }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'public-resource', severity, evidence: { summary }, resource: { id }, remediation: { action: 'yandex-remove-access-binding', target: { kind, resourceId: id, bindings: [expect.objectContaining({ subject: expect.objectContaining({ type: 'system' }) })] } } });
  });

  it.each([
    { name: 'a binding to a user', record: fn(delta('functions.functionInvoker', 'ajeuser0example', 'ADD', 'YANDEX_PASSPORT_USER_ACCOUNT')) },
    { name: 'removing the public binding', record: fn(delta('functions.functionInvoker', 'allUsers', 'REMOVE')) },
    { name: 'a STARTED event', record: startedYandex(fn(delta('functions.functionInvoker', 'allUsers'))) },
    { name: 'a failed call', record: failedYandex(fn(delta('functions.functionInvoker', 'allUsers'))) },
    { name: 'a folder binding (the role-grant rule covers it)', record: yandexEvent('resourcemanager', 'UpdateFolderAccessBindings', { folder_id: 'b1g', access_binding_deltas: [delta('viewer', 'allUsers')] }) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
