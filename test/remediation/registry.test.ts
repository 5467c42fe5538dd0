import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import type { ConfigInput } from '../../shared/config/schema.js';
import { enabledRemediations, enforcedActions } from '../../shared/remediation/enabled.js';
import { actionsById, allActions } from '../../shared/remediation/index.js';
import { firstIssue } from '../../shared/remediation/lib/targets.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import type { AuditEvent } from '../../shared/types.js';
import { cloudTrailRecord, toEvent } from '../helpers/cloudtrail.js';
import { ownContext } from '../helpers/rules.js';
import { toYandexEvent, yandexEvent } from '../helpers/yandex.js';

const iam = (eventName: string, requestParameters: object, responseElements: object | null = null) =>
  toEvent(cloudTrailRecord({ eventSource: 'iam.amazonaws.com', eventName, requestParameters, responseElements }));
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const admin = JSON.stringify(doc({ Effect: 'Allow', Action: '*', Resource: '*' }));
const world = { subject_id: 'allUsers', subject_type: 'SYSTEM', subject_name: 'allUsers' };

/** One event per rule that makes it plan its remediation, in the real formats. */
const PLANNING: Record<string, AuditEvent> = {
  'aws-ec2-sg-ingress-open': toEvent(cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com', eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: { groupId: 'sg-0a1b2c3d4e5f60789', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } },
    responseElements: { _return: true, securityGroupRuleSet: { items: [{ securityGroupRuleId: 'sgr-0a7d3c9e5b1f24680', isEgress: false, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }] } },
  })),
  'aws-ec2-nacl-ingress-open': toEvent(cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com', eventName: 'CreateNetworkAclEntry',
    requestParameters: { networkAclId: 'acl-0a1b2c3d4e5f60789', ruleNumber: 100, egress: false, ruleAction: 'allow', portRange: { from: 22, to: 22 }, aclProtocol: '6', cidrBlock: '0.0.0.0/0' },
    responseElements: { _return: true },
  })),
  'aws-rds-db-sg-ingress-open': toEvent(cloudTrailRecord({
    eventSource: 'rds.amazonaws.com', eventName: 'AuthorizeDBSecurityGroupIngress',
    requestParameters: { dBSecurityGroupName: 'billing-db', cIDRIP: '0.0.0.0/0' },
    responseElements: { dBSecurityGroupName: 'billing-db', iPRanges: [], eC2SecurityGroups: [] },
  })),
  'aws-iam-admin-policy-attached': iam('AttachRolePolicy', { roleName: 'ci-deploy', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
  'aws-iam-inline-policy-admin': iam('PutUserPolicy', { userName: 'bob', policyName: 'inline-ops', policyDocument: admin }),
  'aws-iam-user-added-to-group': iam('AddUserToGroup', { groupName: 'Admins', userName: 'mallory' }),
  'aws-iam-credentials-for-other-user': iam('CreateLoginProfile', { userName: 'carol', passwordResetRequired: false }),
  'aws-iam-role-trust-open': iam('UpdateAssumeRolePolicy', { roleName: 'ops-admin', policyDocument: JSON.stringify(doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })) }),
  'aws-s3-acl-public': toEvent(cloudTrailRecord({ eventSource: 's3.amazonaws.com', eventName: 'PutObjectAcl', requestParameters: { bucketName: 'acme-assets', key: 'reports/2026/q3.pdf', acl: '', 'x-amz-acl': ['public-read'] } })),
  'aws-s3-policy-public': toEvent(cloudTrailRecord({
    eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy',
    requestParameters: { bucketName: 'acme-exports', policy: [''], bucketPolicy: doc({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-exports/*' }) },
  })),
  'aws-s3-public-access-block-off': toEvent(cloudTrailRecord({
    eventSource: 's3.amazonaws.com', eventName: 'PutBucketPublicAccessBlock',
    requestParameters: { bucketName: 'acme-exports', publicAccessBlock: '', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false } },
  })),
  'yandex-vpc-sg-ingress-open': toYandexEvent(yandexEvent('network', 'UpdateSecurityGroup', {
    security_group_id: 'enpsg000web', security_group_name: 'web-sg', network_id: 'enpnet',
    rules: [{ id: 'enpr2', direction: 'INGRESS', ports: { from_port: '22', to_port: '22' }, protocol_name: 'TCP', protocol_number: '6', cidr_blocks: { v4_cidr_blocks: ['0.0.0.0/0'] } }],
  })),
  'yandex-storage-acl-public': toYandexEvent(yandexEvent('storage', 'BucketAclUpdate', { bucket_id: 'acme-media', acl: { grants: [{ permission: 'READ', grant_type: 'ALL_USERS' }] } })),
  'yandex-storage-anonymous-access': toYandexEvent(yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-reports', objects_access: 'true', list_access: 'false', settings_read_access: 'false' })),
  'yandex-storage-policy-public': toYandexEvent(yandexEvent('storage', 'BucketPolicyUpdate', {
    bucket_id: 'acme-docs', policy_text: JSON.stringify(doc({ Sid: 'public-read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-docs/*' })),
  })),
  'yandex-access-binding-grant': toYandexEvent(yandexEvent('resourcemanager', 'UpdateFolderAccessBindings', {
    folder_id: 'b1gfolder00000000001', folder_name: 'backend', access_binding_deltas: [{ action: 'ADD', access_binding: { role_id: 'viewer', ...world } }],
  })),
  // Issue #14: audit-trail tampering and non-bucket resources made public.
  'aws-cloudtrail-logging-stopped': toEvent(cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 'org-main' }, responseElements: null })),
  'aws-cloudtrail-selectors-narrowed': toEvent(cloudTrailRecord({
    eventSource: 'cloudtrail.amazonaws.com', eventName: 'PutEventSelectors',
    requestParameters: { trailName: 'org-main', eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: false, excludeManagementEventSources: [], dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::acme-exports/'] }] }] },
  })),
  'aws-ec2-snapshot-shared': toEvent(cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com', eventName: 'ModifySnapshotAttribute',
    requestParameters: { snapshotId: 'snap-0a1b2c3d4e5f60718', attributeType: 'CREATE_VOLUME_PERMISSION', createVolumePermission: { add: { items: [{ group: 'all' }] } } }, responseElements: { _return: true },
  })),
  'aws-ec2-ami-shared': toEvent(cloudTrailRecord({
    eventSource: 'ec2.amazonaws.com', eventName: 'ModifyImageAttribute',
    requestParameters: { imageId: 'ami-0abc1234def567890', attributeType: 'launchPermission', launchPermission: { add: { items: [{ userId: '444455556666' }] } } }, responseElements: { _return: true },
  })),
  'aws-rds-snapshot-shared': toEvent(cloudTrailRecord({
    eventSource: 'rds.amazonaws.com', eventName: 'ModifyDBClusterSnapshotAttribute',
    requestParameters: { dBClusterSnapshotIdentifier: 'aurora-weekly', attributeName: 'restore', valuesToAdd: ['all'] },
  })),
  'aws-lambda-permission-public': toEvent(cloudTrailRecord({
    eventSource: 'lambda.amazonaws.com', eventName: 'AddPermission20150331v2',
    requestParameters: { functionName: 'billing-export', statementId: 'open', action: 'lambda:InvokeFunction', principal: '*' },
  })),
  'aws-lambda-function-url-public': toEvent(cloudTrailRecord({
    eventSource: 'lambda.amazonaws.com', eventName: 'UpdateFunctionUrlConfig20211031',
    requestParameters: { functionName: 'billing-export', qualifier: 'live', authType: 'NONE' },
    responseElements: { functionUrl: 'https://abc123.lambda-url.eu-west-1.on.aws/', authType: 'NONE', functionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:billing-export:live' },
  })),
  'aws-kms-key-policy-public': toEvent(cloudTrailRecord({
    eventSource: 'kms.amazonaws.com', eventName: 'PutKeyPolicy',
    requestParameters: { keyId: '1f2e3d4c-0000-4000-8000-0000000000aa', policyName: 'default', policy: JSON.stringify(doc({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' })) },
  })),
  'aws-sqs-queue-policy-public': toEvent(cloudTrailRecord({
    eventSource: 'sqs.amazonaws.com', eventName: 'SetQueueAttributes',
    requestParameters: { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders', attributes: { Policy: JSON.stringify(doc({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' })) } },
  })),
  'aws-sns-topic-policy-public': toEvent(cloudTrailRecord({
    eventSource: 'sns.amazonaws.com', eventName: 'SetTopicAttributes',
    requestParameters: { topicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts', attributeName: 'Policy', attributeValue: JSON.stringify(doc({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'sns:Subscribe', Resource: '*' })) },
  })),
  'aws-secretsmanager-policy-public': toEvent(cloudTrailRecord({
    eventSource: 'secretsmanager.amazonaws.com', eventName: 'PutResourcePolicy',
    requestParameters: { secretId: 'prod/db-password', resourcePolicy: JSON.stringify(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' })), blockPublicPolicy: false },
  })),
  'aws-ecr-repository-policy-public': toEvent(cloudTrailRecord({
    eventSource: 'ecr.amazonaws.com', eventName: 'SetRepositoryPolicy',
    requestParameters: { repositoryName: 'payments-api', policyText: JSON.stringify(doc({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' })), force: false },
  })),
  'aws-efs-policy-public': toEvent(cloudTrailRecord({
    eventSource: 'elasticfilesystem.amazonaws.com', eventName: 'PutFileSystemPolicy',
    requestParameters: { fileSystemId: 'fs-0123456789abcdef0', policy: JSON.stringify(doc({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'elasticfilesystem:ClientMount', Resource: '*' })), bypassPolicyLockoutSafetyCheck: false },
  })),
  'yandex-access-binding-public': toYandexEvent(yandexEvent('serverless.functions', 'SetFunctionAccessBindings', {
    function_id: 'd4eexamplefunction01', function_name: 'webhook', access_binding_deltas: [{ action: 'ADD', access_binding: { role_id: 'functions.functionInvoker', ...world } }],
  }, { event_source: 'serverless' })),
};

describe('remediation registry', () => {
  it('has one action per id, named like its file', () => {
    expect(new Set(allActions.map((a) => a.id)).size).toBe(allActions.length);
    for (const a of allActions) expect(a.id).toMatch(new RegExp(`^${a.cloud}-[a-z0-9]+(-[a-z0-9]+)+$`));
  });

  it.each(allActions.map((a) => [a.id, a] as const))('%s declares its permissions and what it changes', (_id, action) => {
    expect(action.permissions.length).toBeGreaterThan(0);
    const pattern = action.cloud === 'aws' ? /^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/ : /^[a-z-]+(\.[a-zA-Z]+)*\.[a-zA-Z]+$|^[a-z-]+\.admin$/;
    for (const p of action.permissions) expect(p).toMatch(pattern);
    expect(action.description.length).toBeGreaterThan(20);
  });

  // Own-account ARNs per service; ARNs that carry no account (S3 buckets, EC2 snapshots and images:
  // `arn:aws:ec2:region::snapshot/id`) or `*` must be conditioned on `aws:ResourceAccount` instead.
  it.each(allActions.filter((a) => a.cloud === 'aws').map((a) => [a.id, a] as const))('%s scopes its permissions to resources of the own account', (_id, action) => {
    expect(action.resources.length).toBeGreaterThan(0);
    for (const r of action.resources) {
      if (r === '*' || r.startsWith('arn:{partition}:s3:::') || /^arn:\{partition\}:ec2:[a-z0-9*-]*::/.test(r)) expect(action.accountCondition).toBe(true);
      else expect(r).toMatch(/^arn:\{partition\}:(iam|ec2|rds|cloudtrail|lambda|kms|sqs|sns|secretsmanager|ecr|elasticfilesystem):[a-z0-9*-]*:\{account\}:([a-z-]+[/:])?\*$/);
    }
  });

  it('has an action for every remediation a rule may plan', () => {
    const planned = allRules.flatMap((r) => r.remediations.map((id) => [r.id, id]));
    expect(planned.filter(([, id]) => !actionsById.has(id!))).toEqual([]);
    expect(allActions.filter((a) => !allRules.some((r) => r.remediations.includes(a.id))).map((a) => a.id)).toEqual([]);
  });

  it.each(allRules.filter((r) => r.remediations.length > 0).map((r) => [r.id, r] as const))("%s plans a target its action's schema accepts", (id, rule) => {
    // Prepare
    const event = PLANNING[id];
    if (!event) throw new Error(`no planning event for ${id}: add one to PLANNING`);

    // Act
    const plans = rule.match(event, ownContext).flatMap((f) => (f.remediation ? [f.remediation] : []));

    // Assess
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(rule.remediations).toContain(plan.action);
      const parsed = actionsById.get(plan.action)?.target.safeParse(plan.target);
      expect(parsed === undefined || parsed.success ? 'ok' : firstIssue(parsed.error)).toBe('ok');
    }
  });
});

describe('enabledRemediations', () => {
  const config = (input: ConfigInput) => loadConfig({ env: { AUDIT_RESPONDER_CONFIG_JSON: JSON.stringify(input) }, ruleIds });

  it.each([
    { name: 'a remediating rule', rules: { 'yandex-storage-policy-public': { remediate: true } }, ids: ['yandex-storage-policy-public'] },
    { name: 'a disabled rule with remediate: true', rules: { 'yandex-storage-policy-public': { remediate: true, enabled: false } }, ids: [] },
    { name: 'an enabled rule without remediate', rules: { 'yandex-storage-policy-public': {} }, ids: [] },
  ])('lists $name as expected', ({ rules, ids }) => {
    const enabled = enabledRemediations(config({ rules, remediation: { mode: 'enforce' } }));
    expect(enabled.map((e) => e.rule.id)).toEqual(ids);
  });

  it.each([
    { name: 'without allowBreakingChanges', allow: undefined, ids: [] },
    { name: 'with allowBreakingChanges: true', allow: true, ids: ['aws-lambda-function-url-require-iam'] },
  ])('grants a breaking action only when the admin allows breaking changes: $name', ({ allow, ids }) => {
    const rules = { 'aws-lambda-function-url-public': { remediate: true } };
    const remediation = { mode: 'enforce' as const, ...(allow === undefined ? {} : { allowBreakingChanges: allow }) };
    expect(enforcedActions(config({ rules, remediation }), 'aws').map((a) => a.id)).toEqual(ids);
  });

  it('grants nothing outside enforce mode, and never a disabled rule\'s actions (yandex-roles)', () => {
    const rules = { 'yandex-storage-policy-public': { remediate: true, enabled: false }, 'yandex-vpc-sg-ingress-open': { remediate: true } };
    expect(enforcedActions(config({ rules, remediation: { mode: 'dry-run' } }), 'yandex')).toEqual([]);
    expect(enforcedActions(config({ rules, remediation: { mode: 'enforce' } }), 'yandex').flatMap((a) => a.permissions)).toEqual(['vpc.securityGroups.admin']);
  });
});
