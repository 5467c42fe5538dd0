/**
 * IAM helpers: the user, role or group a request is about, and whether a
 * target user is the caller itself.
 */
import type { AuditEvent, Resource } from '../../types.js';
import { asRecord } from '../../lib/guards.js';
import { awsConsole } from './console-urls.js';

/** The `eventSource` of IAM events. */
export const IAM_SOURCE = 'iam.amazonaws.com';

/** An IAM principal named in a request. */
export interface IamPrincipal {
  readonly kind: 'user' | 'role' | 'group';
  readonly name: string;
}

/** The user/role/group a request names (`userName`, `roleName`, `groupName`). */
export function principalOf(request: Readonly<Record<string, unknown>>): IamPrincipal | undefined {
  for (const [key, kind] of [['userName', 'user'], ['roleName', 'role'], ['groupName', 'group']] as const) {
    const name = request[key];
    if (typeof name === 'string' && name !== '') return { kind, name };
  }
  return undefined;
}

/** The finding resource of an IAM principal, with its console link. */
export function principalResource(principal: IamPrincipal, account?: string): Resource {
  const url = principal.kind === 'user' ? awsConsole.iamUser : principal.kind === 'role' ? awsConsole.iamRole : awsConsole.iamGroup;
  const arn = account ? `arn:aws:iam::${account}:${principal.kind}/${principal.name}` : undefined;
  return { type: `iam-${principal.kind}`, id: arn ?? principal.name, name: principal.name, consoleUrl: url(principal.name) };
}

/**
 * Names the caller goes by: its IAM user name and the last segment of its
 * ARN (the session name of an assumed role). Compared exactly.
 */
export function callerNames(event: AuditEvent): Set<string> {
  const identity = asRecord(asRecord(event.raw).userIdentity);
  const names = new Set<string>();
  if (typeof identity.userName === 'string') names.add(identity.userName);
  const last = event.actor.arn?.split('/').pop();
  if (last && event.actor.arn?.includes('/')) names.add(last);
  return names;
}

/** `callerNames(event).has(name)`, without building the set (CreateAccessKey is a hot action). */
export function isCallerName(event: AuditEvent, name: string): boolean {
  const identity = asRecord(asRecord(event.raw).userIdentity);
  if (typeof identity.userName === 'string' && identity.userName === name) return true;
  const arn = event.actor.arn;
  const slash = arn === undefined ? -1 : arn.lastIndexOf('/');
  return arn !== undefined && slash >= 0 && slash < arn.length - 1 && arn.slice(slash + 1) === name;
}

/** True when the caller is the account's root user. */
export function isRoot(event: AuditEvent): boolean {
  return event.actor.type === 'Root' || /:root$/.test(event.actor.arn ?? '');
}
