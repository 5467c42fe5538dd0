import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCheckpoint } from '../../shared/cli/checkpoint.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'ar-ckpt-')), 'c.txt');

describe('checkpoint', () => {
  it('appends each finished object as it goes and reads them back on the next run', () => {
    // Prepare
    const path = file();
    const first = openCheckpoint(path);

    // Act
    first.record('s3://b/k1');
    first.record('s3://b/k2');
    const second = openCheckpoint(path);

    // Assess
    expect(readFileSync(path, 'utf8')).toBe('s3://b/k1\ns3://b/k2\n');
    expect([second.has('s3://b/k1'), second.has('s3://b/k2'), second.has('s3://b/k3')]).toEqual([true, true, false]);
  });

  it('ignores a torn last line (crash mid-write): that object is read again', () => {
    const path = file();
    writeFileSync(path, 's3://b/k1\ns3://b/k2');
    const checkpoint = openCheckpoint(path);
    expect([checkpoint.has('s3://b/k1'), checkpoint.has('s3://b/k2')]).toEqual([true, false]);
  });

  it('starts empty when the file does not exist yet', () => {
    expect(openCheckpoint(file()).has('anything')).toBe(false);
  });
});
