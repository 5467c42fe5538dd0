/** The Yandex Cloud remediation actions, one file each (file name = action id). */
import type { RemediationAction } from './action.js';
import { action as removeAccessBinding } from './yandex-remove-access-binding.js';
import { action as storageMakePrivate } from './yandex-storage-make-private.js';
import { action as storageRemovePublicAcl } from './yandex-storage-remove-public-acl.js';
import { action as storageRemovePublicPolicy } from './yandex-storage-remove-public-policy.js';
import { action as vpcDeleteSgRule } from './yandex-vpc-delete-sg-rule.js';

/** Every Yandex action, one per rule remediation id. */
export const yandexActions: readonly RemediationAction[] = [
  vpcDeleteSgRule,
  storageMakePrivate,
  storageRemovePublicAcl,
  storageRemovePublicPolicy,
  removeAccessBinding,
];
