/**
 * Rule contexts with trail context, for the audit-tampering rule tests.
 */
import { TrailRegistry, type TrailInfo } from '../../shared/rules/lib/trail-context.js';
import type { RuleContext } from '../../shared/types.js';

/** The AWS trail most tests know about. */
export const MAIN_TRAIL: TrailInfo = {
  cloud: 'aws',
  name: 'org-main',
  arn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-main',
  bucket: 'acme-org-logs',
  prefix: 'main',
  kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1f2e3d4c-0000-4000-8000-00000000abcd',
  logGroup: 'arn:aws:logs:eu-west-1:111122223333:log-group:org-main:*',
};

/** The Yandex trail most tests know about. */
export const YANDEX_TRAIL: TrailInfo = {
  cloud: 'yandex',
  name: 'cnpabc1trail0example',
  bucket: 'acme-at-store',
  prefix: 'at',
  logGroup: 'e23lggroup0example01',
  scopes: ['b1g8dn6s3v2example01'],
};

/** A context whose own account is 111122223333 and which knows `trails`. */
export function trailContext(trails: readonly TrailInfo[] = [MAIN_TRAIL, YANDEX_TRAIL], minLogRetentionDays?: number): RuleContext {
  return {
    ownAccounts: new Set(['111122223333']),
    trails: new TrailRegistry(trails),
    ...(minLogRetentionDays ? { minLogRetentionDays } : {}),
  };
}
