/** The Yandex Cloud remediation actions, one file each. */
import type { RemediationAction } from './action.js';

export const yandexActions: readonly RemediationAction[] = [];
