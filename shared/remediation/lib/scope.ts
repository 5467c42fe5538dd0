/**
 * Where a finding's change happened, against where the responder may act:
 * the AWS account its credentials are in (configured, or learned once with
 * STS `GetCallerIdentity`), the configured region set, and the Yandex
 * cloud/folders of its service account. An action never runs for a change
 * in another account: its request would hit the same-named resource in the
 * responder's own account.
 */
import type { Config } from '../../config/schema.js';
import { describeError } from '../../errors.js';
import type { Finding, JsonValue } from '../../types.js';
import type { AwsClients } from '../action.js';

const ARN_ACCOUNT = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/;

/** Every AWS account a finding names: the log's account, and the accounts of its resource and target ARNs. */
export function accountsOf(finding: Finding): string[] {
  const found = new Set<string>();
  if (finding.event.scope.account) found.add(finding.event.scope.account);
  const fromArn = (value: string) => {
    const match = ARN_ACCOUNT.exec(value);
    if (match?.[1]) found.add(match[1]);
  };
  fromArn(finding.resource.id);
  const walk = (value: JsonValue | undefined, key?: string) => {
    if (typeof value === 'string') {
      fromArn(value);
      if (key === 'accountId' && /^\d{12}$/.test(value)) found.add(value);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // Policy statements and grants are evidence, not targets: only the plan's top-level identifiers count.
      if (key === undefined) for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(finding.remediation?.target);
  return [...found];
}

/** Options of {@link callerAccount}. */
export interface CallerAccountOptions {
  readonly clients: () => AwsClients;
  /** Region of the STS endpoint. @default the Lambda region, else `us-east-1` */
  readonly region?: string;
  /** Deadline of the STS call. @default 5000 */
  readonly timeoutMs?: number;
}

/**
 * The account of the responder's credentials, from `GetCallerIdentity`,
 * asked once; a failure is not cached (the next finding asks again).
 */
export function callerAccount(options: CallerAccountOptions): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= (async () => {
      const sts = options.clients().sts;
      if (!sts) throw new Error('no STS client to learn the account');
      const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
      const client = await sts(options.region ?? process.env.AWS_REGION ?? 'us-east-1');
      const answer = await client.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
      if (!answer.Account || !/^\d{12}$/.test(answer.Account)) throw new Error(`GetCallerIdentity gave no account id (${String(answer.Account)})`);
      return answer.Account;
    })();
    pending.catch(() => {
      pending = undefined;
    });
    return pending;
  };
}

/** Why a finding is outside the region set or the Yandex scope (`undefined`: inside). */
export function outsideScope(finding: Finding, remediation: Config['remediation']): string | undefined {
  const event = finding.event;
  if (event.cloud === 'aws') {
    const regions = remediation.regions ?? [];
    const region = event.region ?? 'us-east-1';
    if (regions.length > 0 && !regions.includes(region) && !isGlobal(finding)) {
      return `change in region ${region}; the responder acts in ${regions.join(', ')} only (remediation.regions)`;
    }
    return undefined;
  }
  const { cloudId, folderIds } = remediation;
  if (cloudId && event.scope.cloud !== cloudId) {
    return `change in cloud ${event.scope.cloud ?? '(not in the log)'}; the responder acts in cloud ${cloudId} only (remediation.cloudId)`;
  }
  if (folderIds && folderIds.length > 0 && !folderIds.includes(event.scope.folder ?? '')) {
    return `change in folder ${event.scope.folder ?? '(not in the log)'}; the responder acts in folder${folderIds.length === 1 ? '' : 's'} ${folderIds.join(', ')} only (remediation.folderIds)`;
  }
  return undefined;
}

/** IAM is global: its events are logged in us-east-1 whatever the region set. */
function isGlobal(finding: Finding): boolean {
  return finding.event.service === 'iam.amazonaws.com';
}

/** Why a finding is in another AWS account than `own` (`undefined`: same account). */
export function otherAccount(finding: Finding, own: string): string | undefined {
  const accounts = accountsOf(finding);
  if (accounts.length === 0) return `the log does not say which account the change is in; the responder acts in ${own} only`;
  const other = accounts.find((a) => a !== own);
  return other ? `change in account ${other}; the responder acts in ${own} only` : undefined;
}

/** `cannot learn the responder's account (…)`. */
export function accountUnknown(error: unknown): string {
  return `not applied: cannot learn the responder's own account (${describeError(error)}); set remediation.accountId`;
}
