/**
 * A Lambda function URL created or updated with `authType: NONE`: anyone on
 * the internet can call it. Alert only by default: switching the auth type
 * breaks legitimate callers, so its plan (`aws-lambda-function-url-require-iam`)
 * runs only when the admin sets both `rules.aws-lambda-function-url-public.remediate`
 * and `remediation.allowBreakingChanges`. `AWS_IAM` URLs are quiet.
 */
import type { AuditEvent, Finding, Rule } from '../types.js';
import { makeFinding, succeeded } from './lib/finding.js';
import { scalarText } from './lib/scalars.js';

const ACTIONS = [
  'CreateFunctionUrlConfig',
  'UpdateFunctionUrlConfig',
  'CreateFunctionUrlConfig20211031',
  'UpdateFunctionUrlConfig20211031',
] as const;

export const rule: Rule = {
  id: 'aws-lambda-function-url-public',
  cloud: 'aws',
  category: 'public-resource',
  severity: 'high',
  title: 'Lambda function URL without authentication',
  runbook: 'Confirm the function is meant to be public; otherwise set the URL auth type to AWS_IAM or delete the URL.',
  actions: ACTIONS,
  remediations: ['aws-lambda-function-url-require-iam'],
  match(event: AuditEvent): Finding[] {
    if (!succeeded(event, ACTIONS) || event.service !== 'lambda.amazonaws.com') return [];
    const fn = scalarText(event.request.functionName);
    const auth = scalarText(event.request.authType) ?? scalarText(event.response.authType);
    if (!fn || auth?.toUpperCase() !== 'NONE') return [];
    const url = scalarText(event.response.functionUrl);
    const qualifier = scalarText(event.request.qualifier);
    return [
      makeFinding(this, event, {
        resource: { type: 'lambda-function', id: fn },
        evidence: { summary: `${fn}: function URL ${url ?? ''} with auth type NONE`.replace('  ', ' '), details: { functionName: fn, authType: 'NONE', functionUrl: url ?? null } },
        remediation: {
          action: 'aws-lambda-function-url-require-iam',
          target: { functionName: fn, ...(qualifier ? { qualifier } : {}), ...(event.region ? { region: event.region } : {}) },
          summary: `switch the function URL of ${fn} to AWS_IAM (breaks unsigned callers)`,
        },
      }),
    ];
  },
};
