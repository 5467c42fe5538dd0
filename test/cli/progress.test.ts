import { describe, expect, it } from 'vitest';
import { createProgress, formatBytes, progressLine } from '../../shared/cli/progress.js';

describe('progress line', () => {
  it('shows objects done/total, records, findings, bytes, rate and ETA', () => {
    expect(progressLine({ done: 10, total: 40, records: 1200, findings: 3, bytes: 3 * 1024 * 1024 }, 5000)).toBe(
      '10/40 objects · 1200 records · 3 findings · 3.0 MiB · 2.0 obj/s · ETA 15s',
    );
  });

  it('redraws in place at most once per interval, always draws the last update, and erases itself', () => {
    // Prepare
    let t = 0;
    const written: string[] = [];
    const progress = createProgress({ write: (s) => written.push(s), isTty: true, quiet: false, now: () => t, intervalMs: 100 });

    // Act
    progress.update({ done: 1, total: 3, records: 1, findings: 0, bytes: 10 });
    t = 50;
    progress.update({ done: 2, total: 3, records: 2, findings: 0, bytes: 20 });
    t = 60;
    progress.update({ done: 3, total: 3, records: 3, findings: 1, bytes: 30 });
    progress.done();

    // Assess
    expect(written).toHaveLength(3);
    expect(written[0]).toMatch(/^\r\u001b\[2K1\/3 objects/);
    expect(written[1]).toMatch(/^\r\u001b\[2K3\/3 objects · 3 records · 1 findings · 30 B/);
    expect(written[2]).toBe('\r\u001b[2K');
  });

  it.each([
    { name: 'not a terminal', isTty: false, quiet: false },
    { name: 'quiet', isTty: true, quiet: true },
  ])('writes nothing when $name', ({ isTty, quiet }) => {
    const written: string[] = [];
    const progress = createProgress({ write: (s) => written.push(s), isTty, quiet });
    progress.update({ done: 1, total: 1, records: 1, findings: 0, bytes: 1 });
    progress.done();
    expect(written).toEqual([]);
  });

  it('formats bytes', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(5 * 1024 ** 3)]).toEqual(['512 B', '1.5 KiB', '5.0 GiB']);
  });
});
