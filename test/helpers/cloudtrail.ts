/**
 * Builders for raw CloudTrail records in the real format, and a shortcut to
 * the normalized event. Fixtures are ours, written from the AWS record schema.
 */
import { parseCloudTrailRecord } from '../../shared/formats/aws-cloudtrail.js';
import type { AuditEvent } from '../../shared/types.js';

/** Fields of a raw record; anything given replaces the default. */
export type RawCloudTrail = Record<string, unknown>;

let counter = 0;

/** A successful CloudTrail record made by an IAM user; pass fields to override. */
export function cloudTrailRecord(fields: RawCloudTrail = {}): RawCloudTrail {
  counter += 1;
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEPRINCIPAL1',
      arn: 'arn:aws:iam::111122223333:user/dev-alice',
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLEKEY000001',
      userName: 'dev-alice',
    },
    eventTime: '2026-10-01T12:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListUsers',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1',
    requestParameters: null,
    responseElements: null,
    requestID: `req-${counter}`,
    eventID: `0c9e5d1a-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...fields,
  };
}

/** The same record as a failed call with the given error code. */
export function failed(record: RawCloudTrail, errorCode = 'AccessDenied'): RawCloudTrail {
  return {
    ...record,
    errorCode,
    errorMessage: `User is not authorized to perform this operation (${errorCode})`,
    responseElements: null,
  };
}

/** An assumed-role caller identity (console or SSO session). */
export function assumedRole(
  role = 'OpsAdmin',
  session = 'bob@example.com',
  account = '111122223333',
): RawCloudTrail {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLEROLEID:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: 'ASIAEXAMPLEKEY000001',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEROLEID',
        arn: `arn:aws:iam::${account}:role/${role}`,
        accountId: account,
        userName: role,
      },
      attributes: { creationDate: '2026-10-01T11:58:00Z', mfaAuthenticated: 'true' },
    },
  };
}

/** An IAM user identity; `arnName` lets the ARN name differ from `userName`, as in some logs. */
export function iamUserIdentity(
  userName: string,
  arnName = userName,
  account = '111122223333',
): RawCloudTrail {
  return {
    type: 'IAMUser',
    principalId: 'AIDAEXAMPLEPRINCIPAL2',
    arn: `arn:aws:iam::${account}:user/${arnName}`,
    accountId: account,
    accessKeyId: 'AKIAEXAMPLEKEY000002',
    userName,
  };
}

/** The root identity of an account. */
export function rootIdentity(account = '111122223333'): RawCloudTrail {
  return {
    type: 'Root',
    principalId: account,
    arn: `arn:aws:iam::${account}:root`,
    accountId: account,
    accessKeyId: 'ASIAEXAMPLEROOTKEY01',
  };
}

/** Normalize a raw record, failing the test when it does not validate. */
export function toEvent(record: RawCloudTrail): AuditEvent {
  const parsed = parseCloudTrailRecord(record, { key: 'test.json', index: 0 });
  if (!parsed.ok) throw new Error(`fixture does not validate: ${parsed.reason}`);
  return parsed.event;
}
