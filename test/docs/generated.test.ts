import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { actionsTable, between, generatedDocs, rulesReference, staleDocs } from '../../scripts/docs.js';
import { allActions } from '../../shared/remediation/index.js';
import { allRules } from '../../shared/rules/index.js';
import { ROOT, readDoc } from './markdown.js';

describe('generated documentation (npm run docs -- --check)', () => {
  it.each(generatedDocs.map((doc) => ({ file: doc.file, doc })))('$file is up to date: run npm run docs', ({ file, doc }) => {
    // Prepare
    const current = readDoc(file);

    // Act
    const next = doc.render(current);

    // Assess
    expect(next).toBe(current);
  });

  it('finds nothing stale in the checkout', () => {
    // Act
    const stale = staleDocs(ROOT);

    // Assess
    expect(stale).toEqual([]);
  });
});

describe('docs generators', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    { name: 'a rules page missing a rule', file: 'docs/rules.md', text: () => rulesReference().replace(`## ${allRules[0]?.id}\n`, '') },
    { name: 'a missing rules page', file: 'docs/rules.md', text: undefined },
    {
      name: 'an actions table missing an action',
      file: 'docs/remediation.md',
      text: () => between('a\n<!-- generated:actions -->\n<!-- /generated:actions -->\n', 'actions', actionsTable().split('\n').slice(0, -1).join('\n'), 'x'),
    },
  ])('reports $name as stale', ({ file, text }) => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'docs-check-'));
    dirs.push(root);
    mkdirSync(join(root, 'docs'));
    for (const doc of generatedDocs) writeFileSync(join(root, doc.file), doc.render(readDoc(doc.file)));
    if (text) writeFileSync(join(root, file), text());
    else rmSync(join(root, file));

    // Act
    const stale = staleDocs(root);

    // Assess
    expect(stale).toEqual([file]);
  });

  it('lists every rule and every action', () => {
    // Act
    const rules = rulesReference();
    const table = actionsTable();

    // Assess
    for (const rule of allRules) expect(rules).toContain(`## ${rule.id}\n`);
    for (const action of allActions) expect(table).toContain(`| \`${action.id}\` |`);
  });

  it('refuses a page without its markers, naming the file', () => {
    // Act
    const render = () => between('no markers here', 'actions', 'x', 'docs/remediation.md');

    // Assess
    expect(render).toThrow(/docs\/remediation\.md: markers <!-- generated:actions -->/);
  });
});
