import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUDTRAIL_TEMPLATES, type Kind, cloudTrailFromTemplate, cloudTrailRecords } from '../../scripts/bench/cloudtrail.js';
import { createRng } from '../../scripts/bench/rng.js';
import { writeDataset } from '../../scripts/bench/write.js';
import { YANDEX_TEMPLATES, yandexEvents, yandexFromTemplate } from '../../scripts/bench/yandex.js';
import { loadConfig } from '../../shared/config/load.js';
import { parseLogObject } from '../../shared/formats/index.js';
import { createEngine } from '../../shared/rules/engine.js';
import { allRules, ruleIds } from '../../shared/rules/index.js';

const engine = createEngine(allRules, loadConfig({ env: {}, ruleIds }));
const MAX = 1 << 30;

/** Findings for one raw record, through the real parser and engine. */
function findingsFor(record: unknown, cloud: 'aws' | 'yandex'): number {
  const doc = cloud === 'aws' ? { Records: [record] } : [record];
  const parsed = parseLogObject(Buffer.from(JSON.stringify(doc)), 'bench.json', { maxBytes: MAX });
  expect(parsed.errors).toEqual([]);
  return parsed.events.reduce((n, e) => n + engine.evaluate(e).findings.length, 0);
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('bench generators', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the PRNG repeats itself for a seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRng(seed).next);
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it.each([
    { name: 'CloudTrail', make: cloudTrailRecords },
    { name: 'Yandex', make: yandexEvents },
  ])('$name: the same seed gives the same records', ({ make }) => {
    const a = [...make(300, 42)].map((g) => JSON.stringify(g.record));
    const b = [...make(300, 42)].map((g) => JSON.stringify(g.record));
    const c = [...make(300, 43)].map((g) => JSON.stringify(g.record));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a).size).toBe(300);
  });

  it.each(['cloudtrail', 'yandex'] as const)('%s: the written file is byte-identical across runs and parses cleanly', async (dataset) => {
    const first = await writeDataset(dataset, join(dir, `${dataset}-1`), 500, 9);
    const second = await writeDataset(dataset, join(dir, `${dataset}-2`), 500, 9);
    const bytes = await readFile(first.path);
    expect(first.sha256).toBe(second.sha256);
    expect(sha(bytes)).toBe(first.sha256);
    expect(first.fileBytes).toBe(bytes.length);
    const parsed = parseLogObject(bytes, first.path, { maxBytes: MAX });
    expect(parsed).toMatchObject({ cloud: dataset === 'cloudtrail' ? 'aws' : 'yandex', total: 500, errors: [] });
    expect(first.kinds.noise).toBeGreaterThan(450);
    // ASCII only (see scripts/bench/cloudtrail.ts): gunzip the CloudTrail file to check.
    const text = dataset === 'cloudtrail' ? gunzipSync(bytes) : bytes;
    expect(text.every((b) => b < 0x80)).toBe(true);
  });

  const cases = (templates: Readonly<Record<Kind, readonly string[]>>) =>
    (['noise', 'watched', 'dangerous'] as const).flatMap((kind) => templates[kind].map((template) => ({ kind, template })));

  it.each(cases(CLOUDTRAIL_TEMPLATES))('CloudTrail $kind template $template is what it claims', ({ kind, template }) => {
    const findings = findingsFor(cloudTrailFromTemplate(kind, template), 'aws');
    if (kind === 'dangerous') expect(findings).toBeGreaterThan(0);
    else expect(findings).toBe(0);
  });

  it.each(cases(YANDEX_TEMPLATES))('Yandex $kind template $template is what it claims', ({ kind, template }) => {
    const findings = findingsFor(yandexFromTemplate(kind, template), 'yandex');
    if (kind === 'dangerous') expect(findings).toBeGreaterThan(0);
    else expect(findings).toBe(0);
  });
});
