import { describe, expect, it } from 'vitest';
import { rule } from '../../shared/rules/yandex-access-binding-grant.js';
import { ownContext } from '../helpers/rules.js';
import { deniedYandex, failedYandex, startedYandex, toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const contractor = { subject_id: 'ajecontractor0000001', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_name: 'contractor.dev' };
const bot = { subject_id: 'ajesabot000000000001', subject_type: 'SERVICE_ACCOUNT', subject_name: 'deploy-bot' };
const fed = { subject_id: 'ajefed00000000000001', subject_type: 'FEDERATED_USER_ACCOUNT', subject_name: 'p.sidorov@acme.example' };
const devops = { subject_id: 'ajegroup000000000001', subject_type: 'GROUP', subject_name: 'devops' };
const allUsers = { subject_id: 'allUsers', subject_type: 'SYSTEM', subject_name: 'allUsers' };
const allAuthenticated = { subject_id: 'allAuthenticatedUsers', subject_type: 'SYSTEM', subject_name: 'allAuthenticatedUsers' };

const delta = (action: string, role_id: string, subject: object = contractor) => ({ action, access_binding: { role_id, ...subject } });
const folder = (deltas: object[], name = 'UpdateFolderAccessBindings', extra: object = {}) =>
  yandexEvent('resourcemanager', name, { folder_id: 'b1gfolder00000000001', folder_name: 'backend', access_binding_deltas: deltas, ...extra });
const cloud = (deltas: object[], name = 'UpdateCloudAccessBindings') =>
  yandexEvent('resourcemanager', name, { cloud_id: 'b1gcloud000000000001', cloud_name: 'acme-prod', access_binding_deltas: deltas });
const org = (deltas: object[], name = 'UpdateOrganizationAccessBindings') =>
  yandexEvent('organizationmanager', name, { organization_id: 'bpforg00000000000001', organization_name: 'acme', organization_title: 'ACME', access_binding_deltas: deltas });
const serviceAccount = (deltas: object[], name = 'UpdateServiceAccountAccessBindings') =>
  yandexEvent('iam', name, { service_account_id: 'ajesa000000000000001', service_account_name: 'deploy-bot', access_binding_deltas: deltas });
const secret = (deltas: object[], bindings: object[] = [], name = 'UpdateSecretAccessBindings') =>
  yandexEvent('lockbox', name, { secret_id: 'e6qsecret00000000001', secret_name: 'db-password', access_binding_deltas: deltas, access_bindings: bindings });
const key = (deltas: object[], name = 'SetSymmetricKeyAccessBindings') =>
  yandexEvent('kms', name, { key_id: 'abjkey00000000000001', key_name: 'data-key', access_binding_deltas: deltas, access_bindings: [] });

const FOLDER = 'b1gvmob95yexample001';
const CONSOLE = 'https://console.yandex.cloud';

describe('yandex-access-binding-grant', () => {
  it.each([
    {
      name: 'admin on a folder',
      record: folder([delta('ADD', 'admin')]),
      severity: 'high',
      resource: { type: 'yandex-folder', id: 'b1gfolder00000000001', name: 'backend', consoleUrl: `${CONSOLE}/folders/b1gfolder00000000001` },
      bindings: [{ roleId: 'admin', subject: { id: 'ajecontractor0000001', type: 'userAccount' } }],
      summary: 'admin to contractor.dev (ajecontractor0000001) on folder backend',
    },
    {
      name: 'editor on a folder to a service account',
      record: folder([delta('ADD', 'editor', bot)]),
      severity: 'high',
      resource: { type: 'yandex-folder', id: 'b1gfolder00000000001' },
      bindings: [{ roleId: 'editor', subject: { id: 'ajesabot000000000001', type: 'serviceAccount' } }],
      summary: 'editor to deploy-bot (ajesabot000000000001) on folder backend',
    },
    {
      name: 'a Set with viewer then admin (only admin is listed)',
      record: folder([delta('ADD', 'viewer'), delta('ADD', 'admin', bot)], 'SetFolderAccessBindings'),
      severity: 'high',
      resource: { type: 'yandex-folder', id: 'b1gfolder00000000001' },
      bindings: [{ roleId: 'admin', subject: { id: 'ajesabot000000000001', type: 'serviceAccount' } }],
      summary: 'admin to deploy-bot (ajesabot000000000001) on folder backend',
    },
    {
      name: 'an upgrade: REMOVE viewer, ADD storage.admin',
      record: folder([delta('REMOVE', 'viewer'), delta('ADD', 'storage.admin')]),
      severity: 'high',
      resource: { type: 'yandex-folder', id: 'b1gfolder00000000001' },
      bindings: [{ roleId: 'storage.admin', subject: { id: 'ajecontractor0000001', type: 'userAccount' } }],
      summary: 'storage.admin to contractor.dev (ajecontractor0000001) on folder backend',
    },
    {
      name: 'vpc.admin to a group',
      record: folder([delta('ADD', 'vpc.admin', devops)]),
      severity: 'high',
      resource: { type: 'yandex-folder', id: 'b1gfolder00000000001' },
      bindings: [{ roleId: 'vpc.admin', subject: { id: 'ajegroup000000000001', type: 'group' } }],
      summary: 'vpc.admin to devops (ajegroup000000000001) on folder backend',
    },
    {
      name: 'viewer to allUsers on a folder',
      record: folder([delta('ADD', 'viewer', allUsers)]),
      severity: 'critical',
      resource: { type: 'yandex-folder', id: 'b1gfolder00000000001' },
      bindings: [{ roleId: 'viewer', subject: { id: 'allUsers', type: 'system' } }],
      summary: 'viewer to allUsers on folder backend',
    },
    {
      name: 'the cloud owner role to a federated user',
      record: cloud([delta('ADD', 'resource-manager.clouds.owner', fed)]),
      severity: 'critical',
      resource: { type: 'yandex-cloud', id: 'b1gcloud000000000001', name: 'acme-prod', consoleUrl: `${CONSOLE}/cloud/b1gcloud000000000001` },
      bindings: [{ roleId: 'resource-manager.clouds.owner', subject: { id: 'ajefed00000000000001', type: 'federatedUser' } }],
      summary: 'resource-manager.clouds.owner to p.sidorov@acme.example (ajefed00000000000001) on cloud acme-prod',
    },
    {
      name: 'admin on a cloud via Set',
      record: cloud([delta('ADD', 'admin', bot)], 'SetCloudAccessBindings'),
      severity: 'critical',
      resource: { type: 'yandex-cloud', id: 'b1gcloud000000000001' },
      bindings: [{ roleId: 'admin', subject: { id: 'ajesabot000000000001', type: 'serviceAccount' } }],
      summary: 'admin to deploy-bot (ajesabot000000000001) on cloud acme-prod',
    },
    {
      name: 'editor on a cloud',
      record: cloud([delta('ADD', 'editor', bot)]),
      severity: 'high',
      resource: { type: 'yandex-cloud', id: 'b1gcloud000000000001' },
      bindings: [{ roleId: 'editor', subject: { id: 'ajesabot000000000001', type: 'serviceAccount' } }],
      summary: 'editor to deploy-bot (ajesabot000000000001) on cloud acme-prod',
    },
    {
      name: 'organization-manager.admin on the organization',
      record: org([delta('ADD', 'organization-manager.admin', fed)]),
      severity: 'critical',
      resource: { type: 'yandex-organization', id: 'bpforg00000000000001', name: 'acme', consoleUrl: 'https://center.yandex.cloud/organization?organizationId=bpforg00000000000001' },
      bindings: [{ roleId: 'organization-manager.admin', subject: { id: 'ajefed00000000000001', type: 'federatedUser' } }],
      summary: 'organization-manager.admin to p.sidorov@acme.example (ajefed00000000000001) on organization acme',
    },
    {
      name: 'the organization owner role via Set',
      record: org([delta('ADD', 'organization-manager.organizations.owner')], 'SetOrganizationAccessBindings'),
      severity: 'critical',
      resource: { type: 'yandex-organization', id: 'bpforg00000000000001' },
      bindings: [{ roleId: 'organization-manager.organizations.owner', subject: { id: 'ajecontractor0000001', type: 'userAccount' } }],
      summary: 'organization-manager.organizations.owner to contractor.dev (ajecontractor0000001) on organization acme',
    },
    {
      name: 'iam.serviceAccounts.admin on a service account',
      record: serviceAccount([delta('ADD', 'iam.serviceAccounts.admin')]),
      severity: 'high',
      resource: { type: 'yandex-serviceAccount', id: 'ajesa000000000000001', name: 'deploy-bot', consoleUrl: `${CONSOLE}/folders/${FOLDER}/iam/service-accounts/ajesa000000000000001` },
      bindings: [{ roleId: 'iam.serviceAccounts.admin', subject: { id: 'ajecontractor0000001', type: 'userAccount' } }],
      summary: 'iam.serviceAccounts.admin to contractor.dev (ajecontractor0000001) on serviceAccount deploy-bot',
    },
    {
      name: 'editor on a service account to allAuthenticatedUsers',
      record: serviceAccount([delta('ADD', 'editor', allAuthenticated)], 'SetServiceAccountAccessBindings'),
      severity: 'critical',
      resource: { type: 'yandex-serviceAccount', id: 'ajesa000000000000001' },
      bindings: [{ roleId: 'editor', subject: { id: 'allAuthenticatedUsers', type: 'system' } }],
      summary: 'editor to allAuthenticatedUsers on serviceAccount deploy-bot',
    },
    {
      name: 'lockbox.admin on a secret (resulting list also shown)',
      record: secret([delta('ADD', 'lockbox.admin', bot)], [{ role_id: 'lockbox.admin', ...bot }]),
      severity: 'high',
      resource: { type: 'yandex-secret', id: 'e6qsecret00000000001', name: 'db-password', consoleUrl: `${CONSOLE}/folders/${FOLDER}/lockbox/secret/e6qsecret00000000001/overview` },
      bindings: [{ roleId: 'lockbox.admin', subject: { id: 'ajesabot000000000001', type: 'serviceAccount' } }],
      summary: 'lockbox.admin to deploy-bot (ajesabot000000000001) on secret db-password',
    },
    {
      name: 'a secret payload readable by everyone',
      record: secret([delta('ADD', 'lockbox.payloadViewer', allAuthenticated)], [], 'SetSecretAccessBindings'),
      severity: 'critical',
      resource: { type: 'yandex-secret', id: 'e6qsecret00000000001' },
      bindings: [{ roleId: 'lockbox.payloadViewer', subject: { id: 'allAuthenticatedUsers', type: 'system' } }],
      summary: 'lockbox.payloadViewer to allAuthenticatedUsers on secret db-password',
    },
    {
      name: 'kms.admin on a symmetric key',
      record: key([delta('ADD', 'kms.admin')]),
      severity: 'high',
      resource: { type: 'yandex-kmsKey', id: 'abjkey00000000000001', name: 'data-key', consoleUrl: `${CONSOLE}/folders/${FOLDER}/kms/keys/abjkey00000000000001` },
      bindings: [{ roleId: 'kms.admin', subject: { id: 'ajecontractor0000001', type: 'userAccount' } }],
      summary: 'kms.admin to contractor.dev (ajecontractor0000001) on kmsKey data-key',
    },
    {
      name: 'a key usable by allUsers',
      record: key([delta('ADD', 'kms.keys.encrypterDecrypter', allUsers)]),
      severity: 'critical',
      resource: { type: 'yandex-kmsKey', id: 'abjkey00000000000001' },
      bindings: [{ roleId: 'kms.keys.encrypterDecrypter', subject: { id: 'allUsers', type: 'system' } }],
      summary: 'kms.keys.encrypterDecrypter to allUsers on kmsKey data-key',
    },
    {
      name: 'an asymmetric signature key admin',
      record: key([delta('ADD', 'kms.admin', bot)], 'SetAsymmetricSignatureKeyAccessBindings'),
      severity: 'high',
      resource: { type: 'yandex-kmsKey', id: 'abjkey00000000000001' },
      bindings: [{ roleId: 'kms.admin', subject: { id: 'ajesabot000000000001', type: 'serviceAccount' } }],
      summary: 'kms.admin to deploy-bot (ajesabot000000000001) on kmsKey data-key',
    },
    {
      name: 'admin on a user group',
      record: yandexEvent('organizationmanager', 'UpdateGroupAccessBindings', { group_id: 'ajegroup000000000001', group_name: 'devops', access_binding_deltas: [delta('ADD', 'organization-manager.groups.admin')] }),
      severity: 'high',
      resource: { type: 'yandex-group', id: 'ajegroup000000000001', name: 'devops' },
      bindings: [{ roleId: 'organization-manager.groups.admin', subject: { id: 'ajecontractor0000001', type: 'userAccount' } }],
      summary: 'organization-manager.groups.admin to contractor.dev (ajecontractor0000001) on group devops',
    },
    {
      name: 'a bucket readable by allUsers (storage deltas, enum action)',
      record: yandexEvent('storage', 'BucketAccessBindingsUpdate', { bucket_id: 'acme-media', deltas: [{ action: '1', access_binding: { role_id: 'storage.viewer', subject: { id: 'allUsers', type: 'system' } } }] }),
      severity: 'critical',
      resource: { type: 'yandex-bucket', id: 'acme-media', consoleUrl: `${CONSOLE}/folders/${FOLDER}/storage/buckets/acme-media` },
      bindings: [{ roleId: 'storage.viewer', subject: { id: 'allUsers', type: 'system' } }],
      summary: 'storage.viewer to allUsers on bucket acme-media',
    },
  ])('fires on $name', ({ record, severity, resource, bindings, summary }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    const kind = resource.type.replace(/^yandex-/, '');
    expect(findings[0]).toMatchObject({
      category: 'role-grant',
      severity,
      resource,
      evidence: { summary },
      remediation: { action: 'yandex-remove-access-binding', target: { kind, resourceId: resource.id, bindings } },
      dedupKey: `yandex-access-binding-grant:${event.id}:${resource.id}`,
    });
  });

  it('lists every dangerous delta of one event in one finding', () => {
    // Prepare
    const event = toYandexEvent(folder([delta('ADD', 'admin'), delta('ADD', 'viewer', bot), delta('ADD', 'viewer', allUsers), delta('REMOVE', 'editor', bot)]));

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'critical', title: 'Role granted to everyone' });
    expect(findings[0]?.evidence.details).toEqual({
      kind: 'folder',
      resourceId: 'b1gfolder00000000001',
      grants: [
        { roleId: 'admin', subjectId: 'ajecontractor0000001', subjectType: 'YANDEX_PASSPORT_USER_ACCOUNT', subjectName: 'contractor.dev' },
        { roleId: 'viewer', subjectId: 'allUsers', subjectType: 'SYSTEM', subjectName: 'allUsers' },
      ],
    });
  });

  it('takes the folder from the resource path when details do not name it', () => {
    // Prepare
    const event = toYandexEvent(yandexEvent('resourcemanager', 'UpdateFolderAccessBindings', { access_binding_deltas: [delta('ADD', 'editor')] }));

    // Act
    const [finding] = rule.match(event, ownContext);

    // Assess
    expect(finding).toMatchObject({ resource: { id: FOLDER, name: 'web' }, remediation: { target: { kind: 'folder', resourceId: FOLDER } } });
  });

  it('reports a secret the log does not name, without a plan', () => {
    // Prepare
    const event = toYandexEvent(yandexEvent('lockbox', 'UpdateSecretAccessBindings', { access_binding_deltas: [delta('ADD', 'lockbox.admin')] }));

    // Act
    const [finding] = rule.match(event, ownContext);

    // Assess
    expect(finding).toMatchObject({ resource: { type: 'yandex-secret', id: 'unknown' }, remediation: null });
  });

  it.each([
    { name: 'a REMOVE of admin', record: folder([delta('REMOVE', 'admin')]) },
    { name: 'a Set that only removes', record: folder([delta('REMOVE', 'editor', bot), delta('REMOVE', 'admin')], 'SetFolderAccessBindings') },
    { name: 'viewer to a named user', record: folder([delta('ADD', 'viewer')]) },
    { name: 'storage.viewer and storage.editor to a service account', record: folder([delta('ADD', 'storage.viewer', bot), delta('ADD', 'storage.editor', bot)]) },
    { name: 'cloud membership', record: cloud([delta('ADD', 'resource-manager.clouds.member')]) },
    { name: 'auditor on a cloud', record: cloud([delta('ADD', 'auditor', fed)]) },
    { name: 'organization-manager.viewer', record: org([delta('ADD', 'organization-manager.viewer')]) },
    { name: 'a role whose name only contains admin', record: folder([delta('ADD', 'admin-readonly.viewer'), delta('ADD', 'k8s.cluster-api.viewer')]) },
    { name: 'kms.keys.encrypterDecrypter to a service account', record: key([delta('ADD', 'kms.keys.encrypterDecrypter', bot)]) },
    { name: 'lockbox.payloadViewer to a service account', record: secret([delta('ADD', 'lockbox.payloadViewer', bot)]) },
    {
      name: 'a Set whose resulting list holds admin but whose delta adds only viewer',
      record: secret([delta('ADD', 'lockbox.viewer', bot)], [{ role_id: 'lockbox.admin', ...contractor }, { role_id: 'lockbox.viewer', ...bot }], 'SetSecretAccessBindings'),
    },
    { name: 'a resulting list with admin and no deltas', record: secret([], [{ role_id: 'lockbox.admin', ...contractor }]) },
    { name: 'a delta with an unknown action', record: folder([{ action: 'UPSERT', access_binding: { role_id: 'admin', ...contractor } }]) },
    { name: 'a delta without a subject', record: folder([{ action: 'ADD', access_binding: { role_id: 'admin' } }]) },
    { name: 'deltas that are not a list', record: folder({ action: 'ADD' } as unknown as object[]) },
    { name: 'a failed grant (ERROR)', record: failedYandex(folder([delta('ADD', 'admin')])) },
    { name: 'a grant refused by IAM', record: deniedYandex(cloud([delta('ADD', 'resource-manager.clouds.owner')])) },
    { name: 'a grant not finished (STARTED)', record: startedYandex(folder([delta('ADD', 'admin')])) },
    { name: 'a cancelled grant', record: { ...folder([delta('ADD', 'editor')]), event_status: 'CANCELLED' } },
    { name: 'a folder update that is not a binding change', record: yandexEvent('resourcemanager', 'UpdateFolder', { folder_id: 'b1gfolder00000000001', access_binding_deltas: [delta('ADD', 'admin')] }) },
  ])('does not fire on $name', ({ record }) => {
    // Prepare
    const event = toYandexEvent(record);

    // Act
    const findings = rule.match(event, ownContext);

    // Assess
    expect(findings).toEqual([]);
  });
});
