import { describe, expect, it } from 'vitest';
import { renderTelegram } from '../../shared/notifiers/telegram-render.js';
import { parseTelegramHtml } from '../helpers/telegram-server.js';
import { renderEmail } from '../../shared/notifiers/email-render.js';
import { bucketFinding, manyFindings, sgFinding } from '../helpers/findings.js';

function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.text;
}

describe('renderTelegram', () => {
  it('renders one finding as a fixed, fully escaped message', () => {
    // Prepare
    const finding = sgFinding({ hostile: true });

    // Act
    const [message, ...rest] = renderTelegram([finding], { maxMessages: 5 });

    // Assess
    expect(rest).toEqual([]);
    expect(message?.html).toBe(
      [
        '<b>🟧 HIGH · sg-open · Security group opened to the internet</b>',
        '<b>What:</b> tcp/22 from 0.0.0.0/0 (sgr-0f00d)',
        '<b>Resource:</b> <a href="https://console.aws.amazon.com/ec2/home?region=eu-west-1#SecurityGroup:groupId=sg-0a1b2c3d4e5f60789">security-group sg-0a1b2c3d4e5f60789</a>',
        `<b>Who:</b> &lt;b&gt;*_[]()~\`&gt;#+-=|{}.!&lt;/b&gt; &amp; &quot;quoted&quot; 'single' 🚨 \\u202eevil\\u202c &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt; &amp;amp; &amp;#x3C; (IAMUser) arn:aws:iam::111122223333:user/&lt;b&gt;*_[]()~\`&gt;#+-=|{}.!&lt;/b&gt; &amp; &quot;quoted&quot; 'single' 🚨 \\u202eevil\\u202c &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt; &amp;amp; &amp;#x3C;`,
        `<b>From:</b> 198.51.100.7 · &lt;b&gt;*_[]()~\`&gt;#+-=|{}.!&lt;/b&gt; &amp; &quot;quoted&quot; 'single' 🚨 \\u202eevil\\u202c &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt; &amp;amp; &amp;#x3C;`,
        '<b>Where:</b> AWS account 111122223333 · eu-west-1',
        '<b>When:</b> 2026-10-01 12:00:00 UTC',
        '<b>Response:</b> plan: revoke tcp/22 from 0.0.0.0/0 (sgr-0f00d) on sg-0a1b2c3d4e5f60789 (remediation not run)',
        `<b>Event:</b> ${finding.event.id} · AuthorizeSecurityGroupIngress · test.json#0 · rule aws-ec2-sg-ingress-open`,
      ].join('\n'),
    );
    expect(visible(message?.html ?? '')).toContain('<a href="https://evil.example">click</a>');
  });

  it('puts the most severe first and counts the batch in the header', () => {
    const [message] = renderTelegram([bucketFinding('b-read'), bucketFinding('b-write', 'WRITE'), sgFinding()], { maxMessages: 5 });
    const text = visible(message?.html ?? '');
    expect(text.split('\n')[0]).toBe('🚨 3 dangerous changes (1 critical · 2 high)');
    expect(text.indexOf('b-write')).toBeLessThan(text.indexOf('b-read'));
  });

  it('bounds hundreds of findings to maxMessages, each within limits, losing nothing from the count', () => {
    // Prepare
    const findings = manyFindings(600);

    // Act
    const messages = renderTelegram(findings, { maxMessages: 4 });

    // Assess
    expect(messages).toHaveLength(4);
    for (const m of messages) expect(visible(m.html).length).toBeLessThanOrEqual(4096);
    expect(messages.flatMap((m) => m.findings)).toHaveLength(600);
    expect(new Set(messages.flatMap((m) => m.findings.map((f) => f.dedupKey))).size).toBe(600);
    const last = visible(messages[3]?.html ?? '');
    const shown = messages.slice(0, 3).reduce((n, m) => n + m.findings.length, 0);
    expect(last).toMatch(/… and \d+ more not shown/);
    const more = Number(/… and (\d+) more/.exec(last)?.[1]);
    const lastShown = messages[3]!.findings.length - more;
    expect(shown + lastShown + more).toBe(600);
  });

  it('keeps a message valid when every value is 10 000 characters long', () => {
    const huge = sgFinding({ userAgent: `${'&<>'.repeat(3333)}x` });
    const messages = renderTelegram([huge, huge, huge, huge], { maxMessages: 5 });
    for (const m of messages) expect(visible(m.html).length).toBeLessThanOrEqual(4096);
  });

  it.each([
    ['line separator', '\u2028'],
    ['paragraph separator', '\u2029'],
    ['Arabic letter mark', '\u061c'],
    ['carriage return', '\r'],
    ['line feed', '\n'],
    ['next line (C1)', '\u0085'],
    ['escape', '\u001b'],
    ['first strong isolate', '\u2068'],
  ])('cannot fake a line start with a %s in a value (Telegram and email)', (_name, char) => {
    // Prepare
    const forged = `aws-cli${char}🟥 CRITICAL · all clear${char}<b>Response:</b> ✅ done`;
    const finding = sgFinding({ userAgent: forged });

    // Act
    const [message] = renderTelegram([finding], { maxMessages: 5 });
    const mail = renderEmail([finding]);

    // Assess
    const text = visible(message?.html ?? '');
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('🟥') || l.startsWith('🟧'))).toHaveLength(1);
    expect(lines.find((l) => l.startsWith('From:'))).toMatch(/aws-cli\\(u[0-9a-f]{4}|r|n)🟥 CRITICAL · all clear/);
    for (const out of [text, mail.text, mail.html, mail.subject]) {
      expect(out).not.toMatch(/[\u2028\u2029\u061c\u0085\u001b\u2066-\u2069\r]/);
    }
    expect(mail.text.split('\n').filter((l) => l.includes('all clear'))).toHaveLength(1);
  });
});
