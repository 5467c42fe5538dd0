import { describe, expect, it } from 'vitest';
import { actorIdentifiers, resourceIdentifiers } from '../../shared/config/allow-list.js';
import { toYandexEvent, yandexEvent } from '../helpers/yandex.js';
import { assumedRole, cloudTrailRecord, toEvent } from '../helpers/cloudtrail.js';

describe('actorIdentifiers', () => {
  it('lists an assumed-role session by ARN, role, id, name, session and account, each once', () => {
    // Prepare
    const event = toEvent(cloudTrailRecord({ userIdentity: assumedRole('Ops', 'bob') }));

    // Act
    const ids = actorIdentifiers(event.actor);

    // Assess
    expect(ids).toEqual([
      'arn:aws:sts::111122223333:assumed-role/Ops/bob',
      'arn:aws:iam::111122223333:role/Ops',
      'AROAEXAMPLEROLEID:bob',
      'Ops/bob',
      'bob',
      'Ops',
      '111122223333',
    ]);
  });

  it('lists a Yandex federated user with its federation and impersonator', () => {
    // Prepare
    const authentication = {
      subject_type: 'FEDERATED_USER_ACCOUNT',
      subject_id: 'ajefed00000000000001',
      subject_name: 'maria@acme.example',
      federation_id: 'bpffed0000000000001',
      federation_name: 'acme-adfs',
      impersonator_info: { impersonator_id: 'ajeadmin000000000001', type: 'YANDEX_PASSPORT_USER_ACCOUNT', name: 'root.admin' },
    };
    const event = toYandexEvent(yandexEvent('storage', 'BucketUpdate', {}, { authentication }));

    // Act
    const ids = actorIdentifiers(event.actor);

    // Assess
    expect(ids).toEqual(['ajefed00000000000001', 'maria@acme.example', 'bpffed0000000000001', 'acme-adfs', 'ajeadmin000000000001', 'root.admin']);
  });

  it('lists a resource by id and name, without blanks or repeats', () => {
    // Act / Assess
    expect(resourceIdentifiers({ type: 's3-bucket', id: 'acme', name: 'acme' })).toEqual(['acme']);
    expect(resourceIdentifiers({ type: 'yandex-security-group', id: 'enp1', name: '' })).toEqual(['enp1']);
  });
});
