import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, anchors, links, markdownFiles, readDoc, slug } from './markdown.js';

/** Why a relative link of `file` does not resolve, or `undefined` when it does. */
function brokenReason(file: string, target: string): string | undefined {
  const [path = '', anchor] = target.split('#', 2);
  const resolved = path === '' ? join(ROOT, file) : join(ROOT, dirname(file), decodeURIComponent(path));
  const shown = relative(ROOT, resolved);
  if (!existsSync(resolved)) return `${shown} does not exist`;
  if (anchor === undefined || anchor === '') return undefined;
  if (!resolved.endsWith('.md') || statSync(resolved).isDirectory()) return `${shown} is not a Markdown file, cannot hold #${anchor}`;
  const text = readDoc(relative(ROOT, resolved));
  return anchors(text).has(anchor) ? undefined : `${shown} has no heading #${anchor}`;
}

const external = /^(https?:|mailto:)/;

describe('documentation links', () => {
  it.each(markdownFiles().map((file) => ({ file })))('every relative link in $file resolves', ({ file }) => {
    // Prepare
    const relativeLinks = links(readDoc(file)).filter((l) => !external.test(l.target));

    // Act
    const broken = relativeLinks.flatMap((l) => {
      const reason = brokenReason(file, l.target);
      return reason ? [`${file}:${l.line}: (${l.target}) ${reason}`] : [];
    });

    // Assess
    expect(broken).toEqual([]);
  });

  it('links the README to every page of docs/', () => {
    // Prepare
    const readmeTargets = new Set(links(readDoc('README.md')).map((l) => l.target.split('#')[0]));

    // Act
    const unlinked = markdownFiles()
      .filter((f) => f.startsWith('docs/'))
      .filter((f) => !readmeTargets.has(f));

    // Assess
    expect(unlinked).toEqual([]);
  });

  it('keeps the README short', () => {
    // Act
    const size = Buffer.byteLength(readDoc('README.md'));

    // Assess
    expect(size).toBeLessThanOrEqual(12 * 1024);
  });
});

describe('link checker', () => {
  it.each([
    { name: 'a missing file', file: 'README.md', target: 'docs/no-such-page.md', broken: true },
    { name: 'a missing anchor', file: 'README.md', target: 'docs/remediation.md#no-such-heading', broken: true },
    { name: 'an existing anchor', file: 'README.md', target: 'docs/remediation.md#modes', broken: false },
    { name: 'an anchor in the same file', file: 'docs/remediation.md', target: '#actions', broken: false },
    { name: 'a file outside docs/', file: 'docs/configuration.md', target: '../config/dev.yml', broken: false },
  ])('judges $name', ({ file, target, broken }) => {
    // Act
    const reason = brokenReason(file, target);

    // Assess
    expect(reason !== undefined).toBe(broken);
  });

  it.each([
    { heading: 'Stage file `deploy.yandex` section', anchor: 'stage-file-deployyandex-section' },
    { heading: 'Silence alarm (dead-man switch)', anchor: 'silence-alarm-dead-man-switch' },
    { heading: 'aws-s3-acl-public', anchor: 'aws-s3-acl-public' },
  ])('makes the GitHub anchor of "$heading"', ({ heading, anchor }) => {
    // Act
    const made = slug(heading);

    // Assess
    expect(made).toBe(anchor);
  });
});
