import { describe, expect, it } from 'vitest';
import { parseCloudTrailRecord } from '../../shared/formats/aws-cloudtrail.js';
import { assumedRole, cloudTrailRecord, failed, rootIdentity, toEvent } from '../helpers/cloudtrail.js';

describe('parseCloudTrailRecord', () => {
  it('normalizes an IAM user call', () => {
    // Act
    const event = toEvent(cloudTrailRecord({ eventName: 'CreateUser', requestParameters: { userName: 'x' } }));

    // Assess
    expect(event).toMatchObject({
      cloud: 'aws',
      action: 'CreateUser',
      service: 'iam.amazonaws.com',
      outcome: 'success',
      time: '2026-10-01T12:00:00.000Z',
      region: 'eu-west-1',
      actor: { name: 'dev-alice', type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/dev-alice', sourceIp: '198.51.100.7' },
      scope: { account: '111122223333' },
      request: { userName: 'x' },
      response: {},
      source: { key: 'test.json', index: 0 },
    });
  });

  it('names assumed-role sessions role/session and keeps the role ARN', () => {
    const event = toEvent(cloudTrailRecord({ userIdentity: assumedRole('Ops', 'bob') }));
    expect(event.actor).toMatchObject({ name: 'Ops/bob', type: 'AssumedRole', roleArn: 'arn:aws:iam::111122223333:role/Ops' });
  });

  it('names the root user root', () => {
    expect(toEvent(cloudTrailRecord({ userIdentity: rootIdentity() })).actor.name).toBe('root');
  });

  it('marks a call with an error code as failed', () => {
    const event = toEvent(failed(cloudTrailRecord(), 'AccessDenied'));
    expect(event.outcome).toBe('failure');
    expect(event.error?.code).toBe('AccessDenied');
  });

  it('accepts the space-separated time some exporters write', () => {
    expect(toEvent(cloudTrailRecord({ eventTime: '2024-01-01 00:00:00.000' })).time).toBe('2024-01-01T00:00:00.000Z');
  });

  it.each([
    { name: 'a missing eventName', record: { ...cloudTrailRecord(), eventName: undefined }, reason: 'eventName' },
    { name: 'a numeric eventID', record: { ...cloudTrailRecord(), eventID: 42 }, reason: 'eventID' },
    { name: 'a userIdentity of the wrong type', record: { ...cloudTrailRecord(), userIdentity: 'root' }, reason: 'userIdentity' },
    { name: 'a string instead of a record', record: 'hello', reason: 'record' },
  ])('rejects $name, naming the field', ({ record, reason }) => {
    const parsed = parseCloudTrailRecord(record);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

/** `userIdentity` in each shape the CloudTrail userIdentity element reference documents. */
describe('parseCloudTrailRecord: attribution for every identity type', () => {
  const base = { sourceIp: '198.51.100.7', userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1' };
  it.each([
    {
      name: 'an assumed role with a source identity',
      identity: {
        ...assumedRole('OpsAdmin', 'i-0abc123'),
        sessionContext: { ...(assumedRole().sessionContext as object), sourceIdentity: 'alice@example.com' },
      },
      actor: {
        id: 'AROAEXAMPLEROLEID:i-0abc123',
        name: 'OpsAdmin/i-0abc123',
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/OpsAdmin/i-0abc123',
        roleArn: 'arn:aws:iam::111122223333:role/OpsAdmin',
        accountId: '111122223333',
        sessionName: 'i-0abc123',
        issuerName: 'OpsAdmin',
        sourceIdentity: 'alice@example.com',
      },
    },
    {
      name: 'an IAM Identity Center permission-set session (identity-enhanced, onBehalfOf)',
      identity: {
        ...assumedRole('AWSReservedSSO_AdministratorAccess_0123456789abcdef', 'bob@example.com'),
        onBehalfOf: { userId: '94482488-3041-7026-18f3-be45837cd0e4', identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-9067642ac7' },
      },
      actor: {
        name: 'AWSReservedSSO_AdministratorAccess_0123456789abcdef/bob@example.com',
        sessionName: 'bob@example.com',
        onBehalfOf: '94482488-3041-7026-18f3-be45837cd0e4',
        identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-9067642ac7',
      },
    },
    {
      name: 'an IdentityCenterUser',
      identity: {
        type: 'IdentityCenterUser',
        accountId: '111122223333',
        onBehalfOf: { userId: '544894e8-80c1-707f-60e3-3ba6510dfac1', identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-9067642ac7' },
        credentialId: 'EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE',
      },
      actor: {
        name: '544894e8-80c1-707f-60e3-3ba6510dfac1',
        type: 'IdentityCenterUser',
        accountId: '111122223333',
        onBehalfOf: '544894e8-80c1-707f-60e3-3ba6510dfac1',
        identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-9067642ac7',
      },
    },
    {
      name: 'a WebIdentityUser',
      identity: {
        type: 'WebIdentityUser',
        principalId: 'accounts.google.com:application-id.apps.googleusercontent.com:106915891012345678901',
        userName: '106915891012345678901',
        identityProvider: 'accounts.google.com',
      },
      actor: {
        id: 'accounts.google.com:application-id.apps.googleusercontent.com:106915891012345678901',
        name: '106915891012345678901',
        type: 'WebIdentityUser',
        identityProvider: 'accounts.google.com',
      },
    },
    {
      name: 'a role assumed with web identity (webIdFederationData)',
      identity: {
        ...assumedRole('MobileApp', 'app-session'),
        sessionContext: {
          ...(assumedRole('MobileApp', 'app-session').sessionContext as object),
          webIdFederationData: { federatedProvider: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', attributes: {} },
        },
      },
      actor: { sessionName: 'app-session', identityProvider: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
    },
    {
      name: 'a SAMLUser',
      identity: { type: 'SAMLUser', principalId: 'SampleUkh1i4+ExamplexL/jEvs=:carol', userName: 'carol', identityProvider: 'bdGOnTesti4+ExamplexL/jEvs=' },
      actor: { id: 'SampleUkh1i4+ExamplexL/jEvs=:carol', name: 'carol', type: 'SAMLUser', identityProvider: 'bdGOnTesti4+ExamplexL/jEvs=' },
    },
    {
      name: 'an AWSService',
      identity: { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' },
      actor: { name: 'cloudformation.amazonaws.com', type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' },
    },
    {
      name: 'an AWSService with inScopeOf (credentials issued to a function)',
      identity: {
        type: 'AWSService',
        invokedBy: 'lambda.amazonaws.com',
        inScopeOf: { issuerType: 'AWS::Lambda::Function', credentialsIssuedTo: 'arn:aws:lambda:eu-west-1:111122223333:function:rotate' },
      },
      actor: { invokedBy: 'lambda.amazonaws.com', credentialsIssuedTo: 'arn:aws:lambda:eu-west-1:111122223333:function:rotate' },
    },
    {
      name: 'an AWSAccount (a caller from another account)',
      identity: { type: 'AWSAccount', principalId: 'AIDAEXAMPLEFOREIGN01', accountId: '444455556666' },
      actor: { id: 'AIDAEXAMPLEFOREIGN01', name: 'AIDAEXAMPLEFOREIGN01', type: 'AWSAccount', accountId: '444455556666' },
    },
    {
      name: 'a FederatedUser (GetFederationToken)',
      identity: {
        type: 'FederatedUser',
        principalId: '111122223333:dave',
        arn: 'arn:aws:sts::111122223333:federated-user/dave',
        accountId: '111122223333',
        sessionContext: { sessionIssuer: { type: 'IAMUser', principalId: 'AIDAEXAMPLEBROKER01', arn: 'arn:aws:iam::111122223333:user/broker', accountId: '111122223333', userName: 'broker' } },
      },
      actor: { name: 'dave', type: 'FederatedUser', sessionName: 'dave', issuerName: 'broker', roleArn: 'arn:aws:iam::111122223333:user/broker' },
    },
    {
      name: 'root',
      identity: rootIdentity(),
      actor: { id: '111122223333', name: 'root', type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' },
    },
  ])('$name', ({ identity, actor }) => {
    // Act
    const event = toEvent(cloudTrailRecord({ userIdentity: identity }));

    // Assess
    expect(event.actor).toMatchObject({ ...base, ...actor });
  });
});

describe('parseCloudTrailRecord: attribution fields of an unexpected type', () => {
  it('keeps the record and drops only the odd field', () => {
    // Prepare
    const identity = { ...assumedRole('Ops', 'bob'), onBehalfOf: 'not-an-object', identityProvider: 42, inScopeOf: { credentialsIssuedTo: ['x'] } };

    // Act
    const parsed = parseCloudTrailRecord(cloudTrailRecord({ userIdentity: identity }));

    // Assess
    expect(parsed.ok).toBe(true);
    const actor = parsed.ok ? parsed.event.actor : {};
    expect(actor).toMatchObject({ name: 'Ops/bob', sessionName: 'bob' });
    expect(actor).not.toHaveProperty('onBehalfOf');
    expect(actor).not.toHaveProperty('identityProvider');
    expect(actor).not.toHaveProperty('credentialsIssuedTo');
  });
});
