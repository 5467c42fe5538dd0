import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../shared/remediation/aws-sns-remove-public-statements.js';
import { rule } from '../../shared/rules/aws-sns-topic-policy-public.js';
import type { Finding, RemediationPlan } from '../../shared/types.js';
import { type FakeAws, queryError, queryOk, startFakeAws } from '../helpers/aws-endpoint.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { findingFor } from '../helpers/findings.js';

const ARN = 'arn:aws:sns:eu-west-1:111122223333:alerts';
const open = { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'sns:Subscribe', Resource: ARN };
const owner = { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sns:*', Resource: ARN };
const doc = (...Statement: object[]) => ({ Version: '2008-10-17', Statement });
// Another public statement, not this finding's evidence (another Sid): never removed by this finding.
const other = { ...open, Sid: 'OtherFinding', Action: 'sns:Publish' };
const untouched = (id: string) => `the public statements of this finding are no longer in the policy of ${id}; 1 other public statement(s) left untouched (not this finding's evidence)`;
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const current = (p: object) => queryOk(`<Attributes><entry><key>Policy</key><value>${xml(JSON.stringify(p))}</value></entry><entry><key>TopicArn</key><value>${ARN}</value></entry></Attributes>`);

function finding(): { finding: Finding; plan: RemediationPlan } {
  const record = cloudTrailRecord({ eventSource: 'sns.amazonaws.com', eventName: 'SetTopicAttributes', requestParameters: { topicArn: ARN, attributeName: 'Policy', attributeValue: JSON.stringify(doc(owner, open)) } });
  return findingFor(rule, record);
}

describe('aws-sns-remove-public-statements', () => {
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await startFakeAws();
  });
  afterEach(() => aws.stop());

  it('writes back the policy without its public statements', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('GetTopicAttributes', current(doc(owner, open)));
    aws.on('SetTopicAttributes', queryOk());

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => [c.service, c.action])).toEqual([['sns', 'GetTopicAttributes'], ['sns', 'SetTopicAttributes']]);
    expect(aws.calls[1]?.params).toEqual({ TopicArn: ARN, AttributeName: 'Policy', AttributeValue: JSON.stringify(doc(owner)) });
    expect(result).toMatchObject({ status: 'done', reason: `removed 1 public statement(s) from the policy of ${ARN}, kept 1` });
  });

  it.each([
    { name: 'no public statement remains', answer: current(doc(owner)), status: 'already-fixed', reason: `the policy of ${ARN} no longer has public statements` },
    { name: 'the evidence is gone and another public statement is present (untouched)', answer: current(doc(owner, other)), status: 'already-fixed', reason: untouched(ARN) },
    { name: 'the topic is gone', answer: queryError(404, 'NotFound', 'Topic does not exist'), status: 'already-fixed', reason: `${ARN} has no public policy any more (NotFound)` },
    { name: 'every statement is public', answer: current(doc(open)), status: 'skipped', reason: `every statement of the policy of ${ARN} is public and the policy cannot be deleted: replace it by hand` },
  ])('does not write when $name', async ({ answer, status, reason }) => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('GetTopicAttributes', answer);

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(aws.calls.map((c) => c.action)).toEqual(['GetTopicAttributes']);
    expect(result).toEqual({ status, reason });
  });

  it('fails with the AWS error when writing is denied', async () => {
    // Prepare
    const { finding: f, plan } = finding();
    aws.on('GetTopicAttributes', current(doc(owner, open)));
    aws.on('SetTopicAttributes', queryError(403, 'AuthorizationError', 'denied'));

    // Act
    const result = await action.apply(plan, f, aws.context());

    // Assess
    expect(result).toMatchObject({ status: 'failed', reason: `writing the policy of ${ARN}: AuthorizationError: denied` });
  });
});
