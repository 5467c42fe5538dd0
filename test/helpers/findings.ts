/**
 * Findings for notifier and remediation tests, made by the real rules from
 * real-format records, including a hostile one whose every event string
 * tries to break or forge a message, and {@link findingFor}: the finding
 * and plan a rule makes of one record (the remediation tests' builder).
 */
import { rule as aclPublic } from '../../shared/rules/aws-s3-acl-public.js';
import { rule as sgOpen } from '../../shared/rules/aws-ec2-sg-ingress-open.js';
import type { Finding, RemediationPlan, Rule, RuleContext } from '../../shared/types.js';
import { type RawCloudTrail, cloudTrailRecord, toEvent } from './cloudtrail.js';
import { ownContext } from './rules.js';
import { type RawYandex, toYandexEvent } from './yandex.js';

/** A finding with the remediation plan its rule attached. */
export interface PlannedFinding {
  readonly finding: Finding;
  readonly plan: RemediationPlan;
}

/**
 * The first finding `rule` makes of `record` (a CloudTrail record, or a
 * Yandex Audit Trails event: one with `event_type`), with its plan. Throws
 * when the rule does not fire or plans nothing, so a fixture that drifted
 * from its rule fails loudly.
 *
 * @example
 * const { finding, plan } = findingFor(rule, cloudTrailRecord({ eventName: 'StopLogging', requestParameters: { name: 'org-main' } }));
 */
export function findingFor(rule: Pick<Rule, 'match'>, record: RawCloudTrail | RawYandex, context: RuleContext = ownContext): PlannedFinding {
  const event = typeof (record as RawYandex).event_type === 'string' ? toYandexEvent(record as RawYandex) : toEvent(record as RawCloudTrail);
  const [found] = rule.match(event, context);
  if (!found?.remediation) throw new Error('the rule did not fire');
  return { finding: found, plan: found.remediation };
}

/** Strings that break naive HTML, Markdown or terminals. */
export const HOSTILE = '<b>*_[]()~`>#+-=|{}.!</b> & "quoted" \'single\' 🚨 \u202Eevil\u202C <a href="https://evil.example">click</a> &amp; &#x3C;';

/** An SSH-open finding whose actor fields are hostile (name, agent). */
export function sgFinding(options: { hostile?: boolean; groupId?: string; userAgent?: string } = {}): Finding {
  const hostile = options.hostile ?? false;
  const record = cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    userAgent: options.userAgent ?? (hostile ? HOSTILE : 'aws-cli/2.17.4'),
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLE',
      arn: `arn:aws:iam::111122223333:user/${hostile ? HOSTILE : 'dev-alice'}`,
      accountId: '111122223333',
      userName: hostile ? HOSTILE : 'dev-alice',
    },
    requestParameters: {
      groupId: options.groupId ?? 'sg-0a1b2c3d4e5f60789',
      ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0', description: hostile ? HOSTILE : 'ssh' }] } }] },
    },
    responseElements: { _return: true, securityGroupRuleSet: { items: [{ securityGroupRuleId: 'sgr-0f00d', isEgress: false, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }] } },
  });
  const [finding] = sgOpen.match(toEvent(record), ownContext);
  if (!finding) throw new Error('fixture did not fire');
  return finding;
}

/** A public-bucket finding on a bucket with the given (possibly hostile) name. */
export function bucketFinding(bucket = 'acme-assets', permission = 'READ'): Finding {
  const record = cloudTrailRecord({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketAcl',
    requestParameters: {
      bucketName: bucket,
      AccessControlPolicy: { AccessControlList: { Grant: { Grantee: { 'xsi:type': 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: permission } } },
    },
  });
  const [finding] = aclPublic.match(toEvent(record), ownContext);
  if (!finding) throw new Error('fixture did not fire');
  return finding;
}

/** `count` distinct findings of mixed severity. */
export function manyFindings(count: number): Finding[] {
  return Array.from({ length: count }, (_, i) =>
    i % 3 === 0 ? bucketFinding(`bucket-${i}`, i % 2 ? 'WRITE' : 'READ') : sgFinding({ groupId: `sg-${String(i).padStart(17, '0')}` }),
  );
}
