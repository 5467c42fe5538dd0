/**
 * Lambda `AddPermission` (logged with its API version: `AddPermission20150331`,
 * `AddPermission20150331v2`) that lets anyone invoke or manage the function:
 * principal `*` with no `sourceAccount`, `sourceArn` or `principalOrgID`
 * pinning it, or an account outside `ownAccounts`. Service principals
 * (`s3.amazonaws.com`) and own accounts are quiet.
 *
 * ```json
 * {"functionName":"billing-export","statementId":"open","action":"lambda:InvokeFunction","principal":"*"}
 * ```
 */
import type { AuditEvent, Finding, Rule, RuleContext } from '../types.js';
import { accountOfPrincipal } from './lib/aws-policy.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';
import { urlPart } from './lib/url-part.js';

const ACTIONS = ['AddPermission', 'AddPermission20150331', 'AddPermission20150331v2'] as const;

/** Who the permission opens the function to, or `undefined` when it is pinned or ours. */
function openTo(request: Readonly<Record<string, unknown>>, own: ReadonlySet<string>): string | undefined {
  const principal = scalarText(request.principal)?.trim();
  if (!principal) return undefined;
  const pinned = ['sourceAccount', 'sourceArn', 'principalOrgID'].some((k) => scalarText(request[k])?.trim());
  if (principal === '*') return pinned ? undefined : 'everyone (*)';
  const account = accountOfPrincipal(principal);
  return account && !own.has(account) ? `account ${account}` : undefined;
}

export const rule: Rule = {
  id: 'aws-lambda-permission-public',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'Lambda function opened to everyone',
  runbook: 'Remove the permission statement unless the function is meant to be public; pin service permissions with SourceAccount/SourceArn.',
  actions: ACTIONS,
  remediations: ['aws-lambda-remove-permission'],
  match(event: AuditEvent, context: RuleContext): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'lambda.amazonaws.com') return [];
    const fn = scalarText(event.request.functionName);
    const who = openTo(event.request, context.ownAccounts);
    if (!fn || !who) return [];
    const sid = scalarText(event.request.statementId);
    const action = scalarText(event.request.action) ?? 'lambda:*';
    const qualifier = scalarText(event.request.qualifier);
    return [
      makeFinding(this, event, {
        severity: who.startsWith('everyone') ? 'critical' : 'high',
        title: who.startsWith('everyone') ? this.title : 'Lambda function shared with an outside account',
        resource: { type: 'lambda-function', id: fn, consoleUrl: `https://console.aws.amazon.com/lambda/home?region=${urlPart(event.region ?? 'us-east-1')}#/functions/${urlPart(fn.split(':').pop() ?? fn)}?tab=permissions` },
        evidence: { summary: `${fn}: ${action} allowed to ${who}${sid ? ` (statement ${sid})` : ''}`, details: { functionName: fn, statementId: sid ?? null, action, principal: scalarText(event.request.principal) ?? null } },
        remediation: sid
          ? {
              action: 'aws-lambda-remove-permission',
              target: { functionName: fn, statementId: sid, ...(qualifier ? { qualifier } : {}), ...(event.region ? { region: event.region } : {}) },
              summary: `remove permission statement ${sid} from ${fn}`,
            }
          : null,
      }),
    ];
  },
};
