/**
 * A local HTTP server that speaks the Telegram Bot API for `sendMessage`:
 * checks the token, validates HTML the way Telegram does (known tags only,
 * balanced, entities escaped, 4096 visible characters) and answers 400 on bad
 * markup; can answer 429 with `retry_after`, or 500, on demand. Every call is
 * recorded.
 */
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded call. */
export interface BotCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly status: number;
}

const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);

/** Parse Telegram HTML: the visible text, or the error Telegram would give. */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    if (c === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) return { error: `Can't parse entities: unclosed start tag at byte offset ${i}` };
      const tag = html.slice(i + 1, end);
      const closing = tag.startsWith('/');
      const name = (closing ? tag.slice(1) : tag).split(/\s/)[0]?.toLowerCase() ?? '';
      if (!TAGS.has(name)) return { error: `Can't parse entities: unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== name) return { error: `Can't parse entities: can't find end tag corresponding to start tag "${name}"` };
      } else {
        if (name === 'a' && !/^a\s+href="[^"<>]*"$/.test(tag)) return { error: `Can't parse entities: bad <a> tag at byte offset ${i}` };
        stack.push(name);
      }
      i = end + 1;
    } else if (c === '&') {
      const m = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i, i + 12));
      if (!m) return { error: `Can't parse entities: character '&' must be escaped at byte offset ${i}` };
      const name = (m[1] ?? '').toLowerCase();
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
      text += named[name] ?? String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      i += m[0].length;
    } else if (c === '>') {
      return { error: `Can't parse entities: character '>' is reserved at byte offset ${i}` };
    } else {
      text += c;
      i += 1;
    }
  }
  if (stack.length > 0) return { error: `Can't parse entities: can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { text };
}

/** A running fake Bot API. */
export interface FakeTelegram {
  readonly apiRoot: string;
  readonly calls: BotCall[];
  /** Delivered messages (200 answers). */
  readonly delivered: () => BotCall[];
  /** Answer the next `count` calls with 429 and this retry_after (left out of the answer when `undefined`). */
  rateLimit(count: number, retryAfterSeconds: number | undefined): void;
  /** Answer the next `count` calls with 500. */
  fail(count: number): void;
  /**
   * Answer the next `count` calls with 400 whose description echoes the
   * request path, URL-encoded (`/bot123%3AAAE.../sendMessage`), and the full
   * request URL in a `parameters.url` field, as a careless proxy might.
   */
  echoPath(count: number): void;
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  // Form fields are strings; like Telegram, read JSON-serialized objects and integer ids.
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(value)) fields[key] = JSON.parse(value);
    else if (key === 'message_thread_id' && /^\d+$/.test(value)) fields[key] = Number(value);
    else fields[key] = value;
  }
  return fields;
}

/** Start the fake Bot API for a token on 127.0.0.1. */
export async function startFakeTelegram(token: string): Promise<FakeTelegram> {
  const calls: BotCall[] = [];
  let limited = 0;
  let retryAfter: number | undefined = 0;
  let failing = 0;
  let echoing = 0;
  let messageId = 0;
  const server: Server = createServer(async (req, res) => {
    const reply = (status: number, payload: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const params = await body(req);
    const method = m?.[2] ?? '';
    const record = (status: number) => calls.push({ method, params, status });
    if (!m || m[1] !== token) {
      record(401);
      return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    if (limited > 0) {
      limited -= 1;
      record(429);
      const parameters = retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } };
      return reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter ?? '?'}`, ...parameters });
    }
    if (echoing > 0) {
      echoing -= 1;
      record(400);
      const path = req.url ?? '';
      return reply(400, { ok: false, error_code: 400, description: `Bad Request: no route for ${encodeURIComponent(path)} (${path.replace(/:/g, '%3a')})`, parameters: { url: `https://api.telegram.org${path}?token=${encodeURIComponent(m[1])}` } });
    }
    if (failing > 0) {
      failing -= 1;
      record(500);
      return reply(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    }
    if (method !== 'sendMessage') {
      record(404);
      return reply(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
    const text = String(params.text ?? '');
    const parsed = params.parse_mode === 'HTML' ? parseTelegramHtml(text) : { text };
    if ('error' in parsed) {
      record(400);
      return reply(400, { ok: false, error_code: 400, description: `Bad Request: ${parsed.error}` });
    }
    if (parsed.text.length === 0 || parsed.text.length > 4096) {
      record(400);
      return reply(400, { ok: false, error_code: 400, description: parsed.text.length ? 'Bad Request: message is too long' : 'Bad Request: message text is empty' });
    }
    record(200);
    messageId += 1;
    return reply(200, { ok: true, result: { message_id: messageId, date: 1791201930, chat: { id: Number(params.chat_id) || 0, type: 'supergroup' }, text: parsed.text } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    delivered: () => calls.filter((c) => c.status === 200),
    rateLimit(count, seconds) {
      limited = count;
      retryAfter = seconds;
    },
    fail(count) {
      failing = count;
    },
    echoPath(count) {
      echoing = count;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
