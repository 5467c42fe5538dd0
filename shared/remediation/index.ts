/** Every remediation action, by id. */
import type { RemediationAction } from './action.js';
import { awsActions } from './aws-actions.js';
import { yandexActions } from './yandex-actions.js';

export const allActions: readonly RemediationAction[] = [...awsActions, ...yandexActions];

/** Actions by plan `action` id. */
export const actionsById: ReadonlyMap<string, RemediationAction> = new Map(allActions.map((a) => [a.id, a]));
