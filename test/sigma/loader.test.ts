import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSigma } from '../../shared/sigma/loader.js';

const rule = (id: string, extra = '') => `title: Rule ${id}
id: ${id}
author: Tester
logsource: {product: aws, service: cloudtrail}
detection:
  s:
    eventName: StopLogging
  condition: s
${extra}`;

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ar-sigma-load-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('loadSigma', () => {
  it('walks folders recursively in name order, .yml and .yaml only', async () => {
    // Prepare
    const dir = tree({ 'b.yml': rule('b'), 'a/deep/c.yaml': rule('c'), 'a/notes.md': 'not a rule', 'a.yml': rule('a') });

    // Act
    const set = await loadSigma([dir]);

    // Assess
    expect(set.rules.map((r) => r.meta.id)).toEqual(['c', 'a', 'b']);
    expect(set.files).toBe(3);
    expect(set.refused).toEqual([]);
  });

  it('resolves relative paths against the base folder', async () => {
    // Prepare
    const dir = tree({ 'rules/x.yml': rule('x') });

    // Act
    const set = await loadSigma(['rules'], { baseDir: dir });

    // Assess
    expect(set.rules.map((r) => r.meta.id)).toEqual(['x']);
  });

  it('reads several documents of one file and names the document of a refusal', async () => {
    // Prepare
    const dir = tree({ 'multi.yml': `${rule('one')}---\n${rule('two', 'level: extreme')}` });

    // Act
    const set = await loadSigma([dir]);

    // Assess
    expect(set.rules.map((r) => r.meta.id)).toEqual(['one']);
    expect(set.refused).toEqual([expect.objectContaining({ file: expect.stringMatching(/multi\.yml \(document 2\)$/), rule: 'two', reason: expect.stringContaining('level "extreme"') })]);
  });

  it.each([
    ['a duplicate id', { 'a.yml': rule('same'), 'b.yml': rule('same') }, /rule id same is already used by .*a\.yml/],
    ['a YAML error', { 'bad.yml': 'title: x\n  id: [' }, /YAML/],
    ['a duplicate key', { 'dup.yml': 'title: a\ntitle: b\n' }, /YAML/],
    ['a document that is not a map', { 'list.yml': '- a\n- b\n' }, /must be a YAML map/],
  ])('refuses %s with the file named', async (_name, files, reason) => {
    // Prepare
    const dir = tree(files);

    // Act
    const set = await loadSigma([dir]);

    // Assess
    expect(set.refused).toHaveLength(1);
    expect(set.refused[0]?.reason).toMatch(reason);
  });

  it('reports a path that does not exist', async () => {
    // Act
    const set = await loadSigma(['/nonexistent/sigma-rules']);

    // Assess
    expect(set.refused).toEqual([expect.objectContaining({ file: '/nonexistent/sigma-rules', reason: expect.stringContaining('cannot read') })]);
  });
});
