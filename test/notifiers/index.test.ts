import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/errors.js';
import { createNotifiers } from '../../shared/notifiers/index.js';
import { loadNotifySettings } from '../../shared/notifiers/index.js';

const TOKEN = '123456789:AAH-example_token_for_tests_0123456789';

describe('loadNotifySettings', () => {
  it('is empty without settings, and the console is then the only notifier', () => {
    expect(loadNotifySettings({})).toEqual({});
    expect(createNotifiers({}).map((n) => n.name)).toEqual(['console']);
  });

  it('reads chats with topics and per-chat minimum severity', () => {
    // Act
    const settings = loadNotifySettings({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_CHAT_IDS: '-1001234567890:42@high, 987654321, @acme_oncall@critical',
      TELEGRAM_MIN_SEVERITY: 'medium',
      SMTP_URL: 'smtps://alerts:pw@email-smtp.eu-west-1.amazonaws.com:465',
      EMAIL_FROM: 'audit-responder <alerts@acme.example>',
      EMAIL_TO: 'oncall@acme.example,secops@acme.example',
    });

    // Assess
    expect(settings.telegram?.chats).toEqual([
      { chatId: '-1001234567890', threadId: 42, minSeverity: 'high' },
      { chatId: '987654321', minSeverity: 'medium' },
      { chatId: '@acme_oncall', minSeverity: 'critical' },
    ]);
    expect(settings.telegram?.apiRoot).toBe('https://api.telegram.org');
    expect(settings.email).toMatchObject({ to: ['oncall@acme.example', 'secops@acme.example'], minSeverity: 'low' });
    expect(createNotifiers(settings).map((n) => n.name)).toEqual(['telegram', 'email']);
  });

  it.each([
    { env: { TELEGRAM_CHAT_IDS: '1' }, message: 'TELEGRAM_CHAT_IDS is set but TELEGRAM_BOT_TOKEN is not' },
    { env: { TELEGRAM_BOT_TOKEN: 'not-a-token-secret-value', TELEGRAM_CHAT_IDS: '1' }, message: 'TELEGRAM_BOT_TOKEN: does not look like a bot token' },
    { env: { TELEGRAM_BOT_TOKEN: TOKEN }, message: 'TELEGRAM_CHAT_IDS is empty' },
    { env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_IDS: 'general' }, message: 'TELEGRAM_CHAT_IDS: "general" is not chatId[:threadId][@minSeverity]' },
    { env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_IDS: '1', TELEGRAM_MIN_SEVERITY: 'urgent' }, message: 'TELEGRAM_MIN_SEVERITY: expected one of' },
    { env: { SMTP_URL: 'smtp://h:25', EMAIL_TO: 'a@b.example' }, message: 'EMAIL_FROM missing' },
    { env: { SMTP_URL: 'https://h', EMAIL_FROM: 'a@b.example', EMAIL_TO: 'c@d.example' }, message: 'SMTP_URL: scheme must be smtp or smtps' },
    { env: { SMTP_URL: 'smtp://h:25', EMAIL_FROM: 'a@b.example', EMAIL_TO: 'oncall' }, message: 'EMAIL_TO: not an email address: "oncall"' },
  ])('rejects $message', ({ env, message }) => {
    expect(() => loadNotifySettings(env)).toThrow(ConfigError);
    expect(() => loadNotifySettings(env)).toThrow(message);
  });

  it('never puts the token or password in an error', () => {
    const secret = 'AAH-very-secret-value-not-a-token';
    expect(() => loadNotifySettings({ TELEGRAM_BOT_TOKEN: secret, TELEGRAM_CHAT_IDS: '1' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
    expect(() => loadNotifySettings({ SMTP_URL: 'smtp://u:hunter2@ h', EMAIL_FROM: 'a@b.example', EMAIL_TO: 'c@d.example' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});
