/**
 * Sigma rules in the engine's action index: what `wants` answers (the
 * splitter's question) and which rules run on an event.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import { createEngine } from '../../shared/rules/engine.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import { toIndexedRule } from '../../shared/sigma/setup.js';
import { cloudTrailRecord, toEvent } from '../helpers/cloudtrail.js';
import { awsRule } from './helpers.js';

const config = loadConfig({ env: {}, ruleIds });
const byAction = toIndexedRule(awsRule('  s:\n    eventName: StopLogging\n  condition: s'), false);
const byPrefix = toIndexedRule(awsRule('  s:\n    eventName|startswith: UpdateFunctionConfiguration\n  condition: s'), false);
const byService = toIndexedRule(awsRule('  s:\n    eventSource: kms.amazonaws.com\n  condition: s'), false);
const everywhere = toIndexedRule(awsRule('  s:\n    userIdentity.type: Root\n  condition: s'), false);

describe('engine index with Sigma rules', () => {
  it.each([
    ['an exact action, any case', [byAction], 'stoplogging', undefined, true],
    ['another action', [byAction], 'ListUsers', undefined, false],
    ['a built-in rule action still', [byAction], 'PutBucketAcl', undefined, true],
    ['a prefixed versioned action', [byPrefix], 'UpdateFunctionConfiguration20150331v2', undefined, true],
    ['not the prefix', [byPrefix], 'GetFunctionConfiguration', undefined, false],
    ['service-indexed, service unknown to the caller', [byService], 'Decrypt', undefined, true],
    ['service-indexed, other service given', [byService], 'Decrypt', 's3.amazonaws.com', false],
    ['service-indexed, its service given', [byService], 'Decrypt', 'kms.amazonaws.com', true],
    ['an unindexed rule wants every record', [everywhere], 'ListUsers', 's3.amazonaws.com', true],
  ])('wants: %s', (_name, extra, action, service, expected) => {
    // Prepare
    const engine = createEngine(allRules, config, { extra });

    // Act
    const wanted = engine.wants(action, service);

    // Assess
    expect(wanted).toBe(expected);
  });

  it('counts the rules that run on every record and runs each rule only on its events', () => {
    // Prepare
    const engine = createEngine(allRules, config, { extra: [byAction, byService, everywhere] });
    const stop = toEvent(cloudTrailRecord({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' }));
    const decrypt = toEvent(cloudTrailRecord({ eventSource: 'kms.amazonaws.com', eventName: 'Decrypt' }));

    // Act
    const onStop = engine.evaluate(stop).findings.map((f) => f.ruleId);
    const onDecrypt = engine.evaluate(decrypt).findings.map((f) => f.ruleId);

    // Assess
    expect(engine.unindexed).toBe(1);
    expect(onStop).toEqual([byAction.rule.id]);
    expect(onDecrypt).toEqual([byService.rule.id]);
  });

  it('answers the same once it has seen more (action, service) pairs than it remembers, asked in any order', () => {
    // Prepare: more pairs than the memo holds, each asked twice, the second time after it started over
    const engine = createEngine(allRules, config, { extra: [byAction, byService] });
    const pairs = Array.from({ length: 5000 }, (_, i) => [i % 3 === 0 ? 'StopLogging' : `Action${i}`, i % 2 === 0 ? 'kms.amazonaws.com' : 's3.amazonaws.com'] as const);
    const expected = (action: string, service: string) => action === 'StopLogging' || service === 'kms.amazonaws.com';

    // Act / Assess
    for (const round of [1, 2]) {
      for (const [action, service] of round === 1 ? pairs : [...pairs].reverse()) expect(engine.wants(action, service)).toBe(expected(action, service));
    }
    const decrypt = toEvent(cloudTrailRecord({ eventSource: 'kms.amazonaws.com', eventName: 'Decrypt' }));
    expect(engine.evaluate(decrypt).findings.map((f) => f.ruleId)).toEqual([byService.rule.id]);
    expect(engine.evaluate(decrypt).findings.map((f) => f.ruleId)).toEqual([byService.rule.id]);
  });

  it('leaves the built-in index alone without Sigma rules', () => {
    // Act
    const engine = createEngine(allRules, config);

    // Assess
    expect(engine.unindexed).toBe(0);
    expect(engine.wants('ListUsers')).toBe(false);
    expect(engine.wants('PutBucketAcl')).toBe(true);
  });
});
