/** The AWS remediation actions, one file each. */
import type { RemediationAction } from './action.js';

export const awsActions: readonly RemediationAction[] = [];
