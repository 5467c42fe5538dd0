import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, findingToRow, formatCsv } from '../../shared/cli/format-csv.js';
import { main } from '../../shared/cli/main.js';
import { allRules } from '../../shared/rules/index.js';
import { toYandexEvent, yandexEvent } from '../helpers/yandex.js';

describe('--format csv', () => {
  it('matches the golden output on the samples', async () => {
    // Act
    let out = '';
    await main(['scan', 'samples', '--format', 'csv'], { out: (t) => void (out += t), err: () => undefined, isTty: false, env: {} });

    // Assess
    expect(out).toBe(readFileSync(join('test', 'cli', 'golden', 'samples.csv'), 'utf8'));
    expect(out.split('\r\n')[0]).toBe(CSV_COLUMNS.map((c) => `"${c}"`).join(','));
  });

  it.each([
    { name: 'equals', value: '=HYPERLINK("http://x","y")', cell: `"'=HYPERLINK(""http://x"",""y"")"` },
    { name: 'plus', value: '+1+cmd|/C calc', cell: `"'+1+cmd|/C calc"` },
    { name: 'minus', value: '-2+3', cell: `"'-2+3"` },
    { name: 'at', value: '@SUM(A1)', cell: `"'@SUM(A1)"` },
    { name: 'tab', value: '\t=1', cell: `"'\t=1"` },
    { name: 'carriage return', value: '\r=1', cell: `"'\r=1"` },
    { name: 'plain text', value: 'acme-bucket', cell: '"acme-bucket"' },
    { name: 'inner formula char', value: 'a=b', cell: '"a=b"' },
    { name: 'quotes and newline', value: 'say "hi"\nnext', cell: '"say ""hi""\nnext"' },
  ])('neutralises $name', ({ value, cell }) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('neutralises attacker-controlled values in a whole row', () => {
    // Prepare
    const event = toYandexEvent(
      yandexEvent('storage', 'BucketUpdate', { bucket_id: '=cmd|calc', objects_access: 'true', list_access: 'false', settings_read_access: 'false' }, {
        request_metadata: { remote_address: '203.0.113.9', user_agent: '@evil-agent', request_id: 'r1' },
      }),
    );
    const rule = allRules.find((r) => r.actions.includes(event.action) && r.cloud === 'yandex');
    const findings = rule?.match(event, { ownAccounts: new Set() }) ?? [];

    // Act
    const csv = formatCsv(findings);
    const row = findingToRow(findings[0] as (typeof findings)[number]);

    // Assess
    expect(findings).toHaveLength(1);
    expect(row[CSV_COLUMNS.indexOf('resource_id')]).toBe('=cmd|calc');
    expect(csv).toContain(`"'=cmd|calc"`);
    expect(csv).toContain(`"'@evil-agent"`);
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
  });
});
