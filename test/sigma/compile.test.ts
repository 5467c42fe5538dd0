import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileRule } from '../../shared/sigma/compile.js';
import { SigmaRefusal } from '../../shared/sigma/refusal.js';
import { awsRule } from './helpers.js';

const consoleLogin = {
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  userIdentity: { type: 'Root' },
  additionalEventData: { MFAUsed: 'No' },
  responseElements: { ConsoleLogin: 'Success' },
  userAgent: 'Mozilla/5.0 (evil-toolkit)',
};

describe('Sigma rule shapes', () => {
  it.each([
    ['map is AND', '  selection:\n    eventName: ConsoleLogin\n    userIdentity.type: Root\n  condition: selection', true],
    ['map is AND (one item fails)', '  selection:\n    eventName: ConsoleLogin\n    userIdentity.type: IAMUser\n  condition: selection', false],
    ['list of maps is OR', '  selection:\n    - eventName: DeleteTrail\n    - additionalEventData.MFAUsed: "NO"\n  condition: selection', true],
    ['keyword list is OR over the whole record', '  keywords:\n    - evil-toolkit\n    - other\n  condition: keywords', true],
    ['keyword miss', '  keywords:\n    - mimikatz\n  condition: keywords', false],
    ['keywords with |all', "  keywords:\n    '|all':\n      - evil\n      - Mozilla\n  condition: keywords", true],
    ['keywords with |all, one missing', "  keywords:\n    '|all':\n      - evil\n      - Chrome\n  condition: keywords", false],
    ['condition list is OR', '  a:\n    eventName: DeleteTrail\n  b:\n    eventName: ConsoleLogin\n  condition:\n    - a\n    - b', true],
    ['selection and not filter', '  selection:\n    eventName: ConsoleLogin\n  filter:\n    userIdentity.type: Root\n  condition: selection and not filter', false],
    ['not of a missing field is true', '  selection:\n    eventName: ConsoleLogin\n  filter:\n    userIdentity.invokedBy: cloudformation.amazonaws.com\n  condition: selection and not filter', true],
  ])('%s', (_name, detection, expected) => {
    // Prepare
    const rule = awsRule(detection);

    // Act
    const hit = rule.match(consoleLogin);

    // Assess
    expect(hit).toBe(expected);
  });

  it.each([
    ['one eventName', '  selection:\n    eventSource: signin.amazonaws.com\n    eventName: ConsoleLogin\n  condition: selection', { actions: ['consolelogin'] }],
    ['eventName list', '  selection:\n    eventName: [StopLogging, DeleteTrail]\n  condition: selection', { actions: ['stoplogging', 'deletetrail'] }],
    ['OR of selections that all pin eventName', '  a:\n    eventName: A\n  b:\n    eventName: B\n  condition: a or b', { actions: ['a', 'b'] }],
    ['eventSource only', '  selection:\n    eventSource: s3.amazonaws.com\n  condition: selection', { services: ['s3.amazonaws.com'] }],
    ['and with a filter keeps the index', '  selection:\n    eventName: A\n  filter:\n    userAgent|contains: x\n  condition: selection and not filter', { actions: ['a'] }],
    ['eventName with a wildcard is not indexed', '  selection:\n    eventName: Delete*\n  condition: selection', undefined],
    ['eventName|contains is not indexed', '  selection:\n    eventName|contains: Delete\n  condition: selection', undefined],
    ['OR with an unpinned side is not indexed', '  a:\n    eventName: A\n  b:\n    userAgent: x\n  condition: a or b', undefined],
    ['eventName|startswith is a prefix index', '  selection:\n    eventSource: lambda.amazonaws.com\n    eventName|startswith: UpdateFunctionConfiguration\n  condition: selection', { actionPrefixes: ['updatefunctionconfiguration'] }],
    ['exact and prefix sides of an OR', '  a:\n    eventName: A\n  b:\n    eventName|startswith: Get\n  condition: a or b', { actions: ['a'], actionPrefixes: ['get'] }],
    ['negated eventName is not indexed', '  a:\n    eventName: A\n  condition: not a', undefined],
  ])('index: %s', (_name, detection, expected) => {
    // Act
    const rule = awsRule(detection);

    // Assess
    expect(rule.index).toEqual(expected);
  });

  it.each([
    ['CloudTrail', { product: 'aws', service: 'cloudtrail' }, 'aws'],
    ['Yandex Audit Trails', { product: 'yandex_cloud', service: 'audit_trails' }, 'yandex'],
    ['Windows', { product: 'windows', category: 'process_creation' }, undefined],
    ['Kubernetes', { product: 'kubernetes', service: 'audit' }, undefined],
  ])('log source %s', (_name, logsource, cloud) => {
    // Act
    const rule = compileRule({ title: 't', id: 'x', logsource, detection: { s: { a: 1 }, condition: 's' } }, 'f.yml');

    // Assess
    expect(rule.cloud).toBe(cloud);
  });

  it('indexes a Yandex rule by event_type', () => {
    // Prepare
    const doc = parse(`title: Bucket made public
id: 9b0c7c55-0a3c-4c6f-9a51-9e3f0f1c2d3e
logsource: {product: yandex_cloud, service: audit_trails}
detection:
  selection:
    event_type: yandex.cloud.audit.storage.BucketUpdate
    details.objects_access: 'true'
  condition: selection`) as Record<string, unknown>;

    // Act
    const rule = compileRule(doc, 'y.yml');

    // Assess
    expect(rule.index).toEqual({ actions: ['yandex.cloud.audit.storage.bucketupdate'] });
    expect(rule.match({ event_type: 'yandex.cloud.audit.storage.BucketUpdate', details: { objects_access: true } })).toBe(true);
  });

  it.each([
    ['Sigma 1 timeframe', '  selection:\n    eventName: A\n  timeframe: 5m\n  condition: selection', /timeframe/],
    ['no condition', '  selection:\n    eventName: A', /condition must be/],
    ['empty selection map', '  selection: {}\n  condition: selection', /empty map/],
    ['mixed list', '  selection:\n    - a\n    - b: c\n  condition: selection', /only maps or only keywords/],
  ])('refuses %s', (_name, detection, reason) => {
    // Act
    const compile = () => awsRule(detection);

    // Assess
    expect(compile).toThrow(SigmaRefusal);
    expect(compile).toThrow(reason);
  });

  it('refuses a rule without an id and a bad level', () => {
    // Act
    const noId = () => compileRule({ title: 't', logsource: {}, detection: { s: { a: 1 }, condition: 's' } }, 'f.yml');
    const badLevel = () => compileRule({ title: 't', id: 'x', level: 'severe', logsource: {}, detection: { s: { a: 1 }, condition: 's' } }, 'f.yml');

    // Assess
    expect(noId).toThrow(/id is missing/);
    expect(badLevel).toThrow(/level "severe"/);
  });
});
