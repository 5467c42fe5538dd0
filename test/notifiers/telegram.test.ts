import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotifyError } from '../../shared/errors.js';
import { memoryLedger } from '../../shared/store/ledger.js';
import type { TelegramSettings } from '../../shared/notifiers/telegram-settings.js';
import { telegramNotifier } from '../../shared/notifiers/telegram.js';
import { bucketFinding, manyFindings, sgFinding } from '../helpers/findings.js';
import { type FakeTelegram, parseTelegramHtml, startFakeTelegram } from '../helpers/telegram-server.js';

const TOKEN = '123456789:AAH-example_token_for_tests_0123456789';
let bot: FakeTelegram;

beforeEach(async () => {
  bot = await startFakeTelegram(TOKEN);
});
afterEach(async () => {
  await bot.stop();
});

const settings = (overrides: Partial<TelegramSettings> = {}): TelegramSettings => ({
  token: TOKEN,
  apiRoot: bot.apiRoot,
  chats: [{ chatId: '-1001234567890', minSeverity: 'low' }],
  maxMessagesPerBatch: 5,
  ...overrides,
});
const context = (remainingMs = 60_000, ledger = memoryLedger()) => ({ remainingMs: () => remainingMs, ledger });

describe('telegramNotifier', () => {
  it('sends HTML without link previews to every chat, honouring topics and minimum severity', async () => {
    // Prepare
    const notifier = telegramNotifier(settings({
      chats: [
        { chatId: '-1001234567890', threadId: 42, minSeverity: 'low' },
        { chatId: '@acme_oncall', minSeverity: 'critical' },
      ],
    }));

    // Act
    const report = await notifier.send([sgFinding({ hostile: true }), bucketFinding('acme-public', 'WRITE')], context());

    // Assess
    expect(report).toEqual({ sent: 2, alreadySent: 0 });
    const [first, second] = bot.delivered();
    expect(first?.params).toMatchObject({ chat_id: '-1001234567890', message_thread_id: 42, parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    expect(second?.params.chat_id).toBe('@acme_oncall');
    expect(String(second?.params.text)).toContain('acme-public');
    expect(String(second?.params.text)).not.toContain('sg-0a1b2c3d4e5f60789');
  });

  it('waits out a 429 that fits in the time left', async () => {
    // Prepare
    bot.rateLimit(1, 1);

    // Act
    const report = await telegramNotifier(settings()).send([sgFinding()], context(30_000));

    // Assess
    expect(bot.calls.map((c) => c.status)).toEqual([429, 200]);
    expect(report.sent).toBe(1);
  });

  it('fails loudly on a 429 longer than the time left, and the retry sends only what is missing', async () => {
    // Prepare: 2 chats; the second is rate limited past the budget
    const ledger = memoryLedger();
    const notifier = telegramNotifier(settings({ chats: [{ chatId: '111', minSeverity: 'low' }, { chatId: '222', minSeverity: 'low' }] }));
    const findings = [sgFinding(), bucketFinding()];
    const first = notifier.send(findings, context(5_000, ledger));
    bot.rateLimit(0, 0);
    const done = await first.then(() => 'ok', (e: unknown) => e);
    expect(done).toBe('ok');
    bot.calls.length = 0;

    // Act: same batch again after one chat's message was lost to a long 429
    for (const key of [...ledger.keys].filter((k) => k.startsWith('telegram:222:'))) await ledger.release(key);
    bot.rateLimit(1, 120);
    const failed = await notifier.send(findings, context(5_000, ledger)).catch((e: unknown) => e);
    const retried = await notifier.send(findings, context(5_000, ledger));

    // Assess
    expect(failed).toBeInstanceOf(NotifyError);
    expect((failed as NotifyError).transient).toBe(true);
    expect((failed as NotifyError).message).toContain('retry_after 120s exceeds the time left');
    expect(bot.delivered().map((c) => c.params.chat_id)).toEqual(['222']);
    expect(retried).toEqual({ sent: 1, alreadySent: 2 });
  });

  it('keeps the token out of errors', async () => {
    const notifier = telegramNotifier(settings({ apiRoot: 'http://127.0.0.1:9' }));
    const error = await notifier.send([sgFinding()], context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyError);
    expect(String((error as Error).message)).not.toContain(TOKEN.split(':')[1]);
    expect((error as NotifyError).transient).toBe(true);
  });

  it('is accepted by Telegram with hostile strings and 10 000-character values everywhere', async () => {
    const huge = 'ﷺ‮<&>"'.repeat(2000);
    await telegramNotifier(settings()).send([sgFinding({ hostile: true }), sgFinding({ userAgent: huge, groupId: 'sg-0000000000000huge' }), bucketFinding(huge)], context());
    expect(bot.calls.every((c) => c.status === 200)).toBe(true);
  });

  it('sends a bounded number of valid messages for hundreds of findings', async () => {
    await telegramNotifier(settings({ maxMessagesPerBatch: 3 })).send(manyFindings(400), context());
    const texts = bot.delivered().map((c) => parseTelegramHtml(String(c.params.text)));
    expect(texts).toHaveLength(3);
    expect(bot.calls.every((c) => c.status === 200)).toBe(true);
  });
});

describe('telegramNotifier bounded retry', () => {
  it.each([
    { name: 'missing', retryAfter: undefined },
    { name: 'zero', retryAfter: 0 },
    { name: 'negative', retryAfter: -1 },
  ])('makes at most 3 attempts on a 429 with $name retry_after, then fails as transient', async ({ retryAfter }) => {
    // Prepare: the policy's floor shortened for speed (the real floor is tested in retry-policy.test.ts and the fault suite)
    bot.rateLimit(1_000, retryAfter);
    const { DEFAULT_RETRY_POLICY } = await import('../../shared/notifiers/retry-policy.js');
    const fast = { ...DEFAULT_RETRY_POLICY, floorMs: 5, maxBackoffMs: 20 };

    // Act
    const error = await telegramNotifier(settings(), fast).send([sgFinding()], context(60_000)).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(NotifyError);
    expect((error as NotifyError).transient).toBe(true);
    expect((error as Error).message).toContain('gave up after 3 attempts');
    expect(bot.calls).toHaveLength(3);
  });

  it('spends at most the batch retry budget across chats', async () => {
    // Prepare
    bot.fail(1_000);
    const chats = ['1', '2', '3', '4', '5'].map((chatId) => ({ chatId, minSeverity: 'low' as const }));
    const { DEFAULT_RETRY_POLICY } = await import('../../shared/notifiers/retry-policy.js');
    const policy = { ...DEFAULT_RETRY_POLICY, floorMs: 1, maxBackoffMs: 1, batchRetries: 2 };

    // Act
    const error = await telegramNotifier(settings({ chats }), policy).send([sgFinding()], context(60_000)).catch((e: unknown) => e);

    // Assess: 5 first attempts + 2 retries
    expect(error).toBeInstanceOf(NotifyError);
    expect(bot.calls).toHaveLength(7);
  });
});
