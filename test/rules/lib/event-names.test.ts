import { describe, expect, it } from 'vitest';
import { allRules } from '../../../shared/rules/index.js';
import { EMITTED_EVENT_NAMES, lambdaEventNames } from '../../../shared/rules/lib/event-names.js';

// Sources of the catalogue: the S3 user guide "Amazon S3 CloudTrail events", the EC2, RDS, IAM, CloudTrail,
// KMS, Organizations, SQS, SNS, Secrets Manager, ECR, EFS and
// Lambda CloudTrail pages, and the Yandex Audit Trails "Management event reference"
// (audit-trails/concepts/events.md, storage-events.md); see shared/rules/lib/event-names.ts.
const watched = allRules.flatMap((rule) => rule.actions.map((action) => ({ id: rule.id, cloud: rule.cloud, action })));

describe('event names', () => {
  it.each(watched)('$id watches $action, which its cloud emits', ({ cloud, action }) => {
    // Act / Assess
    expect(EMITTED_EVENT_NAMES[cloud].has(action)).toBe(true);
  });

  it('Lambda names carry the API version, with and without v2', () => {
    // Act / Assess
    expect(lambdaEventNames('AddPermission')).toEqual(['AddPermission20150331v2', 'AddPermission20150331']);
  });
});
