import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditResponderError, describeError } from '../../shared/errors.js';
import { REDACTED, clearSecrets, redactSecrets, registerSecret, registerSecretsFromEnv } from '../../shared/lib/redact.js';
import { jsonLogger } from '../../shared/log.js';
import { telegramNotifier } from '../../shared/notifiers/telegram.js';
import { createRuntime } from '../../shared/runtime.js';
import { memoryLedger } from '../../shared/store/ledger.js';
import { sgFinding } from '../helpers/findings.js';
import { type FakeTelegram, startFakeTelegram } from '../helpers/telegram-server.js';

const TOKEN = '123456789:AAH-example_token_for_redaction_tests';
const KEY_HALF = TOKEN.slice(TOKEN.indexOf(':') + 1);
const SMTP_PASSWORD = 'p@ss:w/rd with space';
const SMTP_URL = `smtps://alerts:${encodeURIComponent(SMTP_PASSWORD)}@smtp.example.com:465`;

/** Every form of a secret that must never appear in output. */
function formsOf(secret: string): string[] {
  const upper = encodeURIComponent(secret);
  return [
    secret,
    upper,
    upper.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    encodeURI(secret),
    encodeURIComponent(upper),
    new URLSearchParams({ v: secret }).toString().slice(2),
    [...Buffer.from(secret)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
  ].filter((form, i, all) => all.indexOf(form) === i);
}

function expectNoForm(text: string, secret: string): void {
  for (const form of formsOf(secret)) expect(text).not.toContain(form);
}

afterEach(() => {
  clearSecrets();
});

describe('redactSecrets', () => {
  it.each([
    ['raw', (s: string) => `failed: ${s}!`],
    ['encodeURIComponent', (s: string) => `failed: ${encodeURIComponent(s)}!`],
    ['lower-case %-hex', (s: string) => `failed: ${encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())}!`],
    ['only the colon encoded', (s: string) => `failed: ${s.replace(':', '%3A')}!`],
    ['double-encoded', (s: string) => `failed: ${encodeURIComponent(encodeURIComponent(s))}!`],
    ['every byte encoded', (s: string) => `failed: ${[...Buffer.from(s)].map((b) => `%${b.toString(16)}`).join('')}!`],
    ['in a Bot API URL path', (s: string) => `POST https://api.telegram.org/bot${encodeURIComponent(s)}/sendMessage: 404`],
    ['in a query string', (s: string) => `GET https://x.example/?token=${new URLSearchParams({ t: s }).toString().slice(2)}&a=1`],
  ])('removes a registered bot token %s', (_name, wrap) => {
    // Prepare
    registerSecret(TOKEN);

    // Act
    const out = redactSecrets(wrap(TOKEN));

    // Assess
    expectNoForm(out, TOKEN);
    expectNoForm(out, KEY_HALF);
    expect(out).toContain(REDACTED);
  });

  it('removes the key half of a token alone, and an SMTP password in every form', () => {
    // Prepare
    registerSecretsFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN, SMTP_URL }, ['TELEGRAM_BOT_TOKEN', 'SMTP_URL']);
    const text = ['host smtp.example.com', `key ${KEY_HALF}`, `url ${SMTP_URL}`, `pass ${SMTP_PASSWORD}`, `form ${new URLSearchParams({ p: SMTP_PASSWORD }).toString()}`].join('; ');

    // Act
    const out = redactSecrets(text);

    // Assess
    expectNoForm(out, KEY_HALF);
    expectNoForm(out, SMTP_PASSWORD);
    expect(out).toContain('host smtp.example.com;');
  });

  it('leaves text without secrets unchanged and ignores very short values', () => {
    registerSecret('abc');
    registerSecret(undefined);
    expect(redactSecrets('abc is fine')).toBe('abc is fine');
  });

  it('redacts error messages when built and when described, and every log line', () => {
    // Prepare
    registerSecret(TOKEN);
    const lines: string[] = [];
    const logger = jsonLogger('debug', (line) => lines.push(line));

    // Act
    const built = new AuditResponderError(`call to /bot${encodeURIComponent(TOKEN)}/getMe failed`);
    const described = describeError(new Error(`socket hang up at bot${TOKEN}`));
    logger.log('error', `raw ${TOKEN}`, { url: `https://api.telegram.org/bot${encodeURIComponent(TOKEN)}/sendMessage`, nested: { reason: KEY_HALF } });

    // Assess
    for (const text of [built.message, described, ...lines]) expectNoForm(text, TOKEN);
    for (const text of lines) expectNoForm(text, KEY_HALF);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ message: `raw ${REDACTED}`, url: `https://api.telegram.org/bot${REDACTED}/sendMessage` });
  });
});

describe('createRuntime', () => {
  it('registers the bot token and the SMTP password of the environment at start', () => {
    // Prepare
    const lines: string[] = [];
    const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_IDS: '-1001234567890', SMTP_URL, EMAIL_FROM: 'alerts@acme.example', EMAIL_TO: 'secops@acme.example' };

    // Act
    const runtime = createRuntime({ cloud: 'aws', env, logger: jsonLogger('debug', (line) => lines.push(line)), ledger: memoryLedger() });
    runtime.logger.log('error', 'send failed', { reason: describeError(new Error(`POST /bot${encodeURIComponent(TOKEN)}/sendMessage; AUTH ${encodeURIComponent(SMTP_PASSWORD)}`)) });

    // Assess
    const last = lines.at(-1) ?? '';
    expect(last).toContain('send failed');
    for (const secret of [TOKEN, KEY_HALF, SMTP_PASSWORD]) expectNoForm(last, secret);
  });
});

describe('a Bot API error that echoes the request path URL-encoded', () => {
  let bot: FakeTelegram;
  beforeEach(async () => {
    bot = await startFakeTelegram(TOKEN);
  });
  afterEach(async () => {
    await bot.stop();
  });

  it.each([
    ['with the token registered at start', true],
    ['with only the notifier knowing its token', false],
  ])('never prints the token, %s', async (_name, registered) => {
    // Prepare
    if (registered) registerSecretsFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN }, ['TELEGRAM_BOT_TOKEN']);
    bot.echoPath(1);
    const notifier = telegramNotifier({ token: TOKEN, apiRoot: bot.apiRoot, chats: [{ chatId: '-1001234567890', minSeverity: 'low' }], maxMessagesPerBatch: 5 });
    const lines: string[] = [];
    const logger = jsonLogger('debug', (line) => lines.push(line));

    // Act
    const error = await notifier.send([sgFinding()], { remainingMs: () => 60_000, ledger: memoryLedger() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    logger.log('error', 'notify failed', { reason: describeError(error) });

    // Assess
    expect(bot.calls.map((c) => c.status)).toEqual([400]);
    expect(error).toBeInstanceOf(Error);
    const message = describeError(error);
    expect(message).toContain('no route for');
    expect(message).toContain(REDACTED);
    for (const text of [message, ...lines]) {
      expectNoForm(text, TOKEN);
      expectNoForm(text, KEY_HALF);
    }
  });
});
