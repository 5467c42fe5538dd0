import { describe, expect, it } from 'vitest';
import { parseYandexEvent } from '../../shared/formats/yandex-audit-trails.js';
import { failedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

describe('parseYandexEvent', () => {
  it('normalizes a DONE event and finds org, cloud and folder by type', () => {
    // Prepare
    const raw = yandexEvent('network', 'UpdateSecurityGroup', { security_group_id: 'enp1' }, {
      resource_metadata: {
        path: [
          { resource_type: 'resource-manager.folder', resource_id: 'b1gfolder', resource_name: 'web' },
          { resource_type: 'resource-manager.cloud', resource_id: 'b1gcloud', resource_name: 'prod' },
        ],
      },
    });

    // Act
    const event = toYandexEvent(raw);

    // Assess
    expect(event).toMatchObject({
      cloud: 'yandex',
      action: 'yandex.cloud.audit.network.UpdateSecurityGroup',
      service: 'network',
      outcome: 'success',
      actor: { id: 'ajeexampleuser000001', name: 'ivan.petrov', type: 'YANDEX_PASSPORT_USER_ACCOUNT', sourceIp: '203.0.113.9' },
      scope: { cloud: 'b1gcloud', cloudName: 'prod', folder: 'b1gfolder', folderName: 'web' },
      request: { security_group_id: 'enp1' },
    });
  });

  it.each([
    { name: 'ERROR', raw: failedYandex(yandexEvent('iam', 'X', {})), outcome: 'failure' },
    { name: 'STARTED', raw: yandexEvent('iam', 'X', {}, { event_status: 'STARTED' }), outcome: 'in-progress' },
    { name: 'CANCELLED', raw: yandexEvent('iam', 'X', {}, { event_status: 'CANCELLED' }), outcome: 'failure' },
    { name: 'DONE but not authorized ("false")', raw: yandexEvent('iam', 'X', {}, { authorization: { authorized: 'false' } }), outcome: 'failure' },
    { name: 'DONE and authorized "true"', raw: yandexEvent('iam', 'X', {}, { authorization: { authorized: 'true' } }), outcome: 'success' },
  ])('maps $name to $outcome', ({ raw, outcome }) => {
    expect(toYandexEvent(raw).outcome).toBe(outcome);
  });

  it('rejects an event without event_type, naming the field', () => {
    const parsed = parseYandexEvent({ ...yandexEvent('iam', 'X', {}), event_type: undefined });
    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining('event_type') });
  });
});

/** `authentication` in each subject type the Audit Trails event format documents. */
describe('parseYandexEvent: attribution for every subject type', () => {
  it.each([
    {
      name: 'a Yandex Passport user',
      authentication: { authenticated: true, subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_id: 'ajeexampleuser000001', subject_name: 'ivan.petrov' },
      actor: { id: 'ajeexampleuser000001', name: 'ivan.petrov', type: 'YANDEX_PASSPORT_USER_ACCOUNT' },
    },
    {
      name: 'a service account',
      authentication: { authenticated: true, subject_type: 'SERVICE_ACCOUNT', subject_id: 'ajesa00000000000ci01', subject_name: 'ci-deployer' },
      actor: { id: 'ajesa00000000000ci01', name: 'ci-deployer', type: 'SERVICE_ACCOUNT' },
    },
    {
      name: 'a federated user with its federation',
      authentication: {
        authenticated: true,
        subject_type: 'FEDERATED_USER_ACCOUNT',
        subject_id: 'ajefed00000000000001',
        subject_name: 'maria@acme.example',
        federation_id: 'bpffed0000000000001',
        federation_name: 'acme-adfs',
        federation_type: 'saml',
      },
      actor: { id: 'ajefed00000000000001', name: 'maria@acme.example', type: 'FEDERATED_USER_ACCOUNT', federationId: 'bpffed0000000000001', federationName: 'acme-adfs' },
    },
    {
      name: 'a service account impersonated by a user (impersonator_info)',
      authentication: {
        authenticated: true,
        subject_type: 'SERVICE_ACCOUNT',
        subject_id: 'ajesa00000000000ci01',
        subject_name: 'ci-deployer',
        impersonator_info: { impersonator_id: 'ajeexampleuser000001', type: 'YANDEX_PASSPORT_USER_ACCOUNT', name: 'ivan.petrov' },
      },
      actor: { type: 'SERVICE_ACCOUNT', impersonatorId: 'ajeexampleuser000001', impersonatorName: 'ivan.petrov', impersonatorType: 'YANDEX_PASSPORT_USER_ACCOUNT' },
    },
    {
      name: 'an impersonator written in token_info (events-ref pages)',
      authentication: {
        authenticated: true,
        subject_type: 'SERVICE_ACCOUNT',
        subject_id: 'ajesa00000000000ci01',
        subject_name: 'ci-deployer',
        token_info: { masked_iam_token: 't1.9eu***', iam_token_id: 'ajetoken000001', impersonator_id: 'ajefed00000000000001', impersonator_type: 'FEDERATED_USER_ACCOUNT', impersonator_name: 'maria@acme.example' },
      },
      actor: { impersonatorId: 'ajefed00000000000001', impersonatorName: 'maria@acme.example', impersonatorType: 'FEDERATED_USER_ACCOUNT' },
    },
  ])('$name', ({ authentication, actor }) => {
    // Act
    const event = toYandexEvent(yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-docs' }, { authentication }));

    // Assess
    expect(event.actor).toMatchObject({ sourceIp: '203.0.113.9', userAgent: 'Yandex Cloud CLI/0.140.0 linux', ...actor });
  });
});

describe('parseYandexEvent: attribution fields of an unexpected type', () => {
  it('keeps the event and drops only the odd field', () => {
    // Prepare
    const authentication = { authenticated: true, subject_type: 'FEDERATED_USER_ACCOUNT', subject_id: 'ajefed1', subject_name: 'maria', federation_id: 7, impersonator_info: 'n/a' };

    // Act
    const parsed = parseYandexEvent(yandexEvent('storage', 'BucketUpdate', {}, { authentication }));

    // Assess
    expect(parsed.ok).toBe(true);
    const actor = parsed.ok ? parsed.event.actor : {};
    expect(actor).toMatchObject({ id: 'ajefed1', name: 'maria', type: 'FEDERATED_USER_ACCOUNT' });
    expect(actor).not.toHaveProperty('federationId');
    expect(actor).not.toHaveProperty('impersonatorId');
  });
});
