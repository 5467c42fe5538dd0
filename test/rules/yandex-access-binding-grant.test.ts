import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-access-binding-grant.js';
import { ownContext } from '../helpers/rules.js';
import { failedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const user = { subject_id: 'ajecontractor0000001', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_name: 'contractor.dev' };
const everyone = { subject_id: 'allUsers', subject_type: 'SYSTEM', subject_name: 'allUsers' };
const delta = (action: string, role_id: string, subject: object = user) => ({ action, access_binding: { role_id, ...subject } });
const folder = (deltas: object[], name = 'UpdateFolderAccessBindings') =>
  yandexEvent('resourcemanager', name, { folder_id: 'b1gfolder00000000001', folder_name: 'backend', access_binding_deltas: deltas });

describe('yandex-access-binding-grant', () => {
  it.each([
    { name: 'admin on a folder', record: folder([delta('ADD', 'admin')]), severity: 'high', kind: 'folder', id: 'b1gfolder00000000001', role: 'admin' },
    { name: 'storage.admin after a REMOVE of viewer', record: folder([delta('REMOVE', 'viewer'), delta('ADD', 'storage.admin')]), severity: 'high', kind: 'folder', id: 'b1gfolder00000000001', role: 'storage.admin' },
    { name: 'viewer to allUsers', record: folder([delta('ADD', 'viewer', everyone)]), severity: 'critical', kind: 'folder', id: 'b1gfolder00000000001', role: 'viewer' },
    {
      name: 'cloud owner',
      record: yandexEvent('resourcemanager', 'UpdateCloudAccessBindings', { cloud_id: 'b1gcloud000000000001', cloud_name: 'acme-prod', access_binding_deltas: [delta('ADD', 'resource-manager.clouds.owner')] }),
      severity: 'critical', kind: 'cloud', id: 'b1gcloud000000000001', role: 'resource-manager.clouds.owner',
    },
    {
      name: 'organization admin via Set',
      record: yandexEvent('organizationmanager', 'SetOrganizationAccessBindings', { organization_id: 'bpforg00000000000001', organization_name: 'acme', access_binding_deltas: [delta('ADD', 'organization-manager.admin')] }),
      severity: 'critical', kind: 'organization', id: 'bpforg00000000000001', role: 'organization-manager.admin',
    },
    {
      name: 'editor on a service account to allAuthenticatedUsers',
      record: yandexEvent('iam', 'SetServiceAccountAccessBindings', { service_account_id: 'ajesa000000000000001', service_account_name: 'deploy-bot', access_binding_deltas: [delta('ADD', 'editor', { subject_id: 'allAuthenticatedUsers', subject_type: 'SYSTEM' })] }),
      severity: 'critical', kind: 'serviceAccount', id: 'ajesa000000000000001', role: 'editor',
    },
    {
      name: 'payload viewer on a Lockbox secret to everyone',
      record: yandexEvent('lockbox', 'UpdateSecretAccessBindings', { secret_id: 'e6qsecret00000000001', secret_name: 'db-password', access_binding_deltas: [delta('ADD', 'lockbox.payloadViewer', everyone)] }),
      severity: 'critical', kind: 'secret', id: 'e6qsecret00000000001', role: 'lockbox.payloadViewer',
    },
    {
      name: 'kms.admin on a key',
      record: yandexEvent('kms', 'SetSymmetricKeyAccessBindings', { key_id: 'abjkey00000000000001', key_name: 'data-key', access_binding_deltas: [delta('ADD', 'kms.admin')] }),
      severity: 'high', kind: 'kmsKey', id: 'abjkey00000000000001', role: 'kms.admin',
    },
  ])('fires on $name', ({ record, severity, kind, id, role }) => {
    // Act
    const findings = rule.match(toYandexEvent(record), ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'role-grant', severity, resource: { type: `yandex-${kind}`, id } });
    expect(findings[0]?.remediation).toMatchObject({ action: 'yandex-remove-access-binding', target: { kind, resourceId: id } });
    expect(findings[0]?.remediation?.target.bindings).toEqual([expect.objectContaining({ roleId: role })]);
  });

  it('maps the subject type for the REMOVE call', () => {
    const [finding] = rule.match(toYandexEvent(folder([delta('ADD', 'editor', { subject_id: 'ajesa1', subject_type: 'SERVICE_ACCOUNT', subject_name: 'bot' })])), ownContext);
    expect(finding?.remediation?.target.bindings).toEqual([{ roleId: 'editor', subject: { id: 'ajesa1', type: 'serviceAccount' } }]);
    expect(finding?.evidence.summary).toBe('editor to bot (ajesa1) on folder backend');
  });

  it.each([
    { name: 'a REMOVE of admin', record: folder([delta('REMOVE', 'admin')]) },
    { name: 'viewer to a named user', record: folder([delta('ADD', 'viewer')]) },
    { name: 'kms.keys.encrypterDecrypter to a service account', record: yandexEvent('kms', 'SetSymmetricKeyAccessBindings', { key_id: 'abjkey1', access_binding_deltas: [delta('ADD', 'kms.keys.encrypterDecrypter')] }) },
    {
      name: 'a Set whose resulting list holds admin but whose delta only removes',
      record: yandexEvent('lockbox', 'SetSecretAccessBindings', { secret_id: 'e6qsecret1', access_binding_deltas: [delta('REMOVE', 'lockbox.viewer')], access_bindings: [{ role_id: 'lockbox.admin', ...user }] }),
    },
    { name: 'an ERROR event', record: failedYandex(folder([delta('ADD', 'admin')])) },
    { name: 'a STARTED event', record: { ...folder([delta('ADD', 'admin')]), event_status: 'STARTED' } },
    { name: 'a CANCELLED event', record: { ...folder([delta('ADD', 'editor')]), event_status: 'CANCELLED' } },
  ])('does not fire on $name', ({ record }) => {
    expect(rule.match(toYandexEvent(record), ownContext)).toEqual([]);
  });
});
