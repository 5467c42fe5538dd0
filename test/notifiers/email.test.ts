import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotifyError } from '../../shared/errors.js';
import { emailNotifier } from '../../shared/notifiers/email.js';
import { renderEmail } from '../../shared/notifiers/email-render.js';
import { memoryLedger } from '../../shared/store/ledger.js';
import { HOSTILE, bucketFinding, sgFinding } from '../helpers/findings.js';
import { type TestSmtp, startSmtp } from '../helpers/smtp-server.js';

const PASS = 's3cr3t-p@ss/word';
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp('alerts', PASS);
});
afterAll(async () => {
  await smtp.stop();
});

const settings = (port: number) => ({
  url: `smtp://alerts:${encodeURIComponent(PASS)}@127.0.0.1:${port}?ignoreTLS=true`,
  from: 'audit-responder <alerts@acme.example>',
  to: ['oncall@acme.example', 'secops@acme.example'],
  minSeverity: 'low' as const,
});
const context = (ledger = memoryLedger()) => ({ remainingMs: () => 60_000, ledger });

describe('renderEmail', () => {
  it('has a subject with severity, rule and count and escapes every value in HTML', () => {
    const mail = renderEmail([sgFinding({ hostile: true }), bucketFinding('acme-public', 'WRITE')]);
    expect(mail.subject).toBe('[audit-responder] CRITICAL: S3 ACL grants access to everyone - acme-public [aws-s3-acl-public] (+1 more)');
    expect(mail.html).not.toContain(HOSTILE);
    expect(mail.html).toContain('&lt;b&gt;*_[]()~`&gt;#+-=|{}.!&lt;/b&gt; &amp; &quot;quoted&quot;');
    expect(mail.text).toContain(HOSTILE.replace('\u202E', '\\u202e').replace('\u202C', '\\u202c'));
  });
});

describe('emailNotifier', () => {
  it('delivers one multipart message with the same content, proper headers, to every recipient, once', async () => {
    // Prepare
    const ledger = memoryLedger();
    const notifier = emailNotifier(settings(smtp.port), [PASS]);
    const findings = [sgFinding({ hostile: true }), bucketFinding('acme-public')];

    // Act
    const first = await notifier.send(findings, context(ledger));
    const again = await notifier.send(findings, context(ledger));

    // Assess
    expect(first).toEqual({ sent: 1, alreadySent: 0 });
    expect(again).toEqual({ sent: 0, alreadySent: 2 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(smtp.recipients[0]).toEqual(['oncall@acme.example', 'secops@acme.example']);
    expect(mail.subject).toBe('[audit-responder] HIGH: Security group opened to the internet - sg-0a1b2c3d4e5f60789 [aws-ec2-sg-ingress-open] (+1 more)');
    expect(mail.from?.value).toEqual([{ name: 'audit-responder', address: 'alerts@acme.example' }]);
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@acme\.example>$/);
    expect(mail.date).toBeInstanceOf(Date);
    expect(mail.text).toContain('What: tcp/22 from 0.0.0.0/0 (sgr-0f00d)');
    expect(mail.html).toContain('tcp/22 from 0.0.0.0/0 (sgr-0f00d)');
    expect(mail.html).toContain('acme-public');
    expect(mail.html).not.toContain('<b>*_');
  });

  it('fails as transient when the SMTP server is down, without the password', async () => {
    const error = await emailNotifier(settings(9), [PASS]).send([sgFinding()], context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyError);
    expect((error as NotifyError).transient).toBe(true);
    expect((error as Error).message).not.toContain(PASS);
    expect((error as Error).message).not.toContain(encodeURIComponent(PASS));
  });

  it('fails as permanent on bad credentials, without the password', async () => {
    const bad = { ...settings(smtp.port), url: `smtp://alerts:wrong-${encodeURIComponent(PASS)}@127.0.0.1:${smtp.port}?ignoreTLS=true` };
    const error = await emailNotifier(bad, [`wrong-${PASS}`]).send([sgFinding()], context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyError);
    expect((error as NotifyError).transient).toBe(false);
    expect((error as Error).message).not.toContain(PASS);
  });
});

describe('emailNotifier deadlines', () => {
  it('gives up on a server that never greets within the time left, as transient', async () => {
    // Prepare: a proxy that accepts the connection and never forwards the greeting
    const { startFaultProxy } = await import('../faults/helpers/fault-proxy.js');
    const silent = await startFaultProxy(`127.0.0.1:${smtp.port}`);
    await silent.set({ kind: 'stall', afterBytes: 0 });
    const before = smtp.received.length;

    // Act
    const error = await emailNotifier(settings(silent.port), [PASS]).send([sgFinding()], { remainingMs: () => 2_500, ledger: memoryLedger() }).catch((e: unknown) => e);
    await silent.stop();

    // Assess
    expect(error).toBeInstanceOf(NotifyError);
    expect((error as NotifyError).transient).toBe(true);
    expect(smtp.received).toHaveLength(before);
  });
});
