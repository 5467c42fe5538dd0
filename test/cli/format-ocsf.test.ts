/**
 * `--format ocsf`: golden output on the samples, and every line checked
 * against the OCSF 1.3.0 Detection Finding (class 2004) requirements, as the
 * schema documentation lists them (schema.ocsf.io, classes/detection_finding
 * and the objects it uses):
 *
 * - class (base event + finding): `activity_id`, `category_uid` (2 Findings),
 *   `class_uid` (2004), `finding_info`, `metadata`, `severity_id`, `time`,
 *   `type_uid` (= class_uid × 100 + activity_id) are Required;
 * - `finding_info`: `uid` Required (`title` Required before 1.5, recommended after);
 * - `metadata`: `product` and `version` Required; `product`: `vendor_name` Required;
 * - `analytic`: `type_id` Required; `cloud`: `provider` Required;
 *   `api`: `operation` Required; `remediation`: `desc` Required;
 * - enums: activity_id ∈ {0,1,2,3,99}, severity_id ∈ {0…6,99}, status_id ∈ {0…6,99}.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingToOcsf } from '../../shared/cli/format-ocsf.js';
import { main } from '../../shared/cli/main.js';
import { toYandexEvent, yandexEvent } from '../helpers/yandex.js';
import { allRules } from '../../shared/rules/index.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The required-attribute problems of one Detection Finding (empty: valid). */
function detectionFindingProblems(event: Json): string[] {
  const problems: string[] = [];
  const need = (object: Json, path: string, names: readonly string[]) => {
    for (const name of names) if (object[name] === undefined || object[name] === null || object[name] === '') problems.push(`${path}${name} is required`);
  };
  need(event, '', ['activity_id', 'category_uid', 'class_uid', 'finding_info', 'metadata', 'severity_id', 'time', 'type_uid']);
  if (event.class_uid !== 2004) problems.push('class_uid must be 2004');
  if (event.category_uid !== 2) problems.push('category_uid must be 2');
  if (event.type_uid !== Number(event.class_uid) * 100 + Number(event.activity_id)) problems.push('type_uid must be class_uid * 100 + activity_id');
  if (![0, 1, 2, 3, 99].includes(Number(event.activity_id))) problems.push('activity_id out of range');
  if (![0, 1, 2, 3, 4, 5, 6, 99].includes(Number(event.severity_id))) problems.push('severity_id out of range');
  if (event.status_id !== undefined && ![0, 1, 2, 3, 4, 5, 6, 99].includes(Number(event.status_id))) problems.push('status_id out of range');
  if (!Number.isInteger(event.time)) problems.push('time must be a timestamp in ms');
  const info = event.finding_info;
  if (isObject(info)) {
    need(info, 'finding_info.', ['uid', 'title']);
    if (isObject(info.analytic)) need(info.analytic, 'finding_info.analytic.', ['type_id']);
  }
  const metadata = event.metadata;
  if (isObject(metadata)) {
    need(metadata, 'metadata.', ['product', 'version']);
    if (isObject(metadata.product)) need(metadata.product, 'metadata.product.', ['vendor_name']);
  }
  if (isObject(event.cloud)) need(event.cloud, 'cloud.', ['provider']);
  if (isObject(event.api)) need(event.api, 'api.', ['operation']);
  if (isObject(event.remediation)) need(event.remediation, 'remediation.', ['desc']);
  return problems;
}

async function scanSamples(format: string): Promise<string> {
  let out = '';
  await main(['scan', 'samples', '--format', format], { out: (t) => void (out += t), err: () => undefined, isTty: false, env: {} });
  return out;
}

describe('--format ocsf', () => {
  it('matches the golden output on the samples', async () => {
    // Act
    const out = await scanSamples('ocsf');

    // Assess
    expect(out).toBe(readFileSync(join('test', 'cli', 'golden', 'samples.ocsf.jsonl'), 'utf8'));
  });

  it('gives every line of the samples the Detection Finding required attributes', async () => {
    // Act
    const lines = (await scanSamples('ocsf')).trim().split('\n').map((l) => JSON.parse(l) as Json);

    // Assess
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(detectionFindingProblems(line)).toEqual([]);
    expect(new Set(lines.map((l) => (l.finding_info as Json).uid)).size).toBe(lines.length);
  });

  it('maps a Yandex finding: provider, cloud id as account, folder, allow-listed as Suppressed', () => {
    // Prepare
    const event = toYandexEvent(yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-public', objects_access: 'true', list_access: 'false', settings_read_access: 'false' }));
    const rule = allRules.find((r) => r.actions.includes(event.action) && r.cloud === 'yandex');
    const [finding] = rule?.match(event, { ownAccounts: new Set() }) ?? [];
    if (!finding) throw new Error('fixture found nothing');

    // Act
    const ocsf = findingToOcsf({ ...finding, suppressed: { reason: 'resource matches allow-list entry "acme-*"' } });

    // Assess
    expect(detectionFindingProblems(ocsf)).toEqual([]);
    expect(ocsf.cloud).toEqual({ provider: 'Yandex Cloud', account: { uid: 'b1g8dn6s3v2example01', name: 'acme-prod' }, org: { uid: 'bpf3crucp1v2example' }, project_uid: 'b1gvmob95yexample001' });
    expect([ocsf.status_id, ocsf.status]).toEqual([3, 'Suppressed']);
    expect(ocsf.src_endpoint).toEqual({ ip: '203.0.113.9' });
  });

  it.each([
    { name: 'no finding_info', edit: (e: Json) => delete e.finding_info, problem: 'finding_info is required' },
    { name: 'wrong type_uid', edit: (e: Json) => void (e.type_uid = 200400), problem: 'type_uid must be class_uid * 100 + activity_id' },
    { name: 'no product vendor', edit: (e: Json) => delete ((e.metadata as Json).product as Json).vendor_name, problem: 'metadata.product.vendor_name is required' },
  ])('the check catches $name', async ({ edit, problem }) => {
    // Prepare
    const [line] = (await scanSamples('ocsf')).trim().split('\n');
    const event = JSON.parse(line ?? '{}') as Json;

    // Act
    edit(event);

    // Assess
    expect(detectionFindingProblems(event)).toContain(problem);
  });
});
