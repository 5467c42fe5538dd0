/** Shared rule-test context: the account of the default fixtures is ours. */
import type { RuleContext } from '../../shared/types.js';

/** Own accounts: the default fixture account `111122223333`. */
export const ownContext: RuleContext = { ownAccounts: new Set(['111122223333']) };
