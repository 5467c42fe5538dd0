/**
 * The engine's raw-byte prefilter for Sigma rules that cannot be indexed:
 * when it exists, what it answers, and that the splitter skips the records
 * it rules out without parsing them.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.js';
import { parseLogStream } from '../../shared/formats/stream.js';
import { createEngine } from '../../shared/rules/engine.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';
import { toIndexedRule } from '../../shared/sigma/setup.js';
import { cloudTrailRecord, rootIdentity } from '../helpers/cloudtrail.js';
import { awsRule } from './helpers.js';

const config = loadConfig({ env: {}, ruleIds });
const root = toIndexedRule(awsRule('  s:\n    userIdentity.type: Root\n  condition: s'), false);
const numeric = toIndexedRule(awsRule('  s:\n    code|gt: 5\n  condition: s'), false);
const byAction = toIndexedRule(awsRule('  s:\n    eventName: StopLogging\n  condition: s'), false);
const bytesOf = (record: unknown) => Buffer.from(JSON.stringify(record));

describe('raw-byte prefilter', () => {
  it.each([
    ['only built-in rules', [], false],
    ['an indexed Sigma rule only', [byAction], false],
    ['an unindexed rule with literals', [root], true],
    ['an unindexed rule without literals too', [root, numeric], false],
  ])('exists with %s: %s', (_name, extra, expected) => {
    // Act
    const engine = createEngine(allRules, config, { extra });

    // Assess
    expect(engine.wants.bytes !== undefined).toBe(expected);
  });

  it.each([
    ['a record holding the literal', cloudTrailRecord({ eventName: 'ListUsers', userIdentity: rootIdentity() }), 'ListUsers', true],
    ['a record without it', cloudTrailRecord({ eventName: 'ListUsers' }), 'ListUsers', false],
    ['an action a built-in rule wants', cloudTrailRecord({ eventName: 'PutBucketAcl' }), 'PutBucketAcl', true],
    ['an action an indexed Sigma rule wants', cloudTrailRecord({ eventName: 'StopLogging' }), 'StopLogging', true],
  ])('answers for %s', (_name, record, action, expected) => {
    // Prepare
    const engine = createEngine(allRules, config, { extra: [root, byAction] });
    const bytes = bytesOf(record);

    // Act
    const wanted = engine.wants.bytes?.(action, undefined, bytes, 0, bytes.length);

    // Assess
    expect(wanted).toBe(expected);
  });

  it('the stream parses only the records the prefilter lets through, and finds the same', async () => {
    // Prepare
    const engine = createEngine(allRules, config, { extra: [root] });
    const records = [
      cloudTrailRecord({ eventName: 'ListUsers' }),
      cloudTrailRecord({ eventName: 'ListUsers', userIdentity: rootIdentity() }),
      cloudTrailRecord({ eventName: 'GetObject' }),
    ];
    const object = Buffer.from(JSON.stringify({ Records: records }));
    const parsed: string[] = [];
    const findings: string[] = [];

    // Act
    const result = await parseLogStream((async function* () { yield object; })(), 'o.json', {
      maxBytes: 1 << 20,
      wants: engine.wants,
      onEvent: (event) => {
        parsed.push(`${event.source?.index}`);
        for (const f of engine.evaluate(event).findings) findings.push(f.ruleId);
      },
    });

    // Assess
    expect(result.total).toBe(3);
    expect(parsed).toEqual(['1']);
    expect(findings).toEqual(['sigma:11111111-2222-4333-8444-555555555555']);
  });
});
