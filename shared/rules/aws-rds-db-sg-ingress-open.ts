/**
 * An RDS DB security group (EC2-Classic era) authorized for the whole
 * internet: `AuthorizeDBSecurityGroupIngress` with a `/0` CIDRIP.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { isWholeInternet } from './lib/cidr.js';
import { awsConsole } from './lib/console-urls.js';
import { makeFinding, succeeded } from './lib/finding.js';

const ACTIONS = ['AuthorizeDBSecurityGroupIngress'] as const;

export const rule: Rule = {
  id: 'aws-rds-db-sg-ingress-open',
  cloud: 'aws',
  category: 'sg-open',
  severity: 'high',
  title: 'Database security group opened to the internet',
  runbook:
    'Revoke the 0.0.0.0/0 authorization from the DB security group and allow only the application hosts; check the database logs for outside connections.',
  actions: ACTIONS,
  remediations: ['aws-revoke-db-sg-ingress'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'rds.amazonaws.com') return [];
    const r = event.request;
    const cidr = [r.cIDRIP, r.cidrip, r.CIDRIP, r.cidrIp].find(isWholeInternet);
    const group = r.dBSecurityGroupName ?? r.dbSecurityGroupName;
    if (typeof cidr !== 'string' || typeof group !== 'string') return [];
    return [
      makeFinding(this, event, {
        resource: { type: 'rds-db-security-group', id: group, consoleUrl: awsConsole.dbSecurityGroup(event.region, group) },
        evidence: { summary: `database access from ${cidr} on ${group}`, details: { dbSecurityGroupName: group, cidr } },
        remediation: {
          action: 'aws-revoke-db-sg-ingress',
          target: { dbSecurityGroupName: group, cidr },
          summary: `revoke ${cidr} from DB security group ${group}`,
        },
      }),
    ];
  },
};
