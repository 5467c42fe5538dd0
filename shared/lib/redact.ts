/**
 * Secret redaction for every text the process writes: error messages, log
 * lines, stderr. Known secrets (bot token, SMTP password, every
 * `<NAME>_PARAM`-resolved value) are registered once at start; each is then
 * found in any form an error can carry it — raw, percent-encoded in whole or
 * in part (`encodeURIComponent`, `%3a` or `%3A`, double-encoded `%253A`,
 * `+` for a space), e.g. inside the Bot API path
 * `https://api.telegram.org/bot<TOKEN>/sendMessage` echoed by a server — and
 * replaced with `***`.
 */

/** What a secret is replaced with. */
export const REDACTED = '***';

/** Shorter values are not treated as secrets (they would redact ordinary words); as the notifiers always did. */
const MIN_SECRET_LENGTH = 4;

const registered = new Map<string, RegExp>();

function hexByte(byte: number): string {
  return byte
    .toString(16)
    .toUpperCase()
    .padStart(2, '0')
    .split('')
    .map((d) => (/[A-F]/.test(d) ? `[${d}${d.toLowerCase()}]` : d))
    .join('');
}

/** Every way one character may appear: itself, `%XX` per UTF-8 byte, `%25XX`, `+` for a space. */
function characterForms(c: string): string {
  const bytes = [...Buffer.from(c, 'utf8')];
  const forms = [
    c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'),
    bytes.map((b) => `%${hexByte(b)}`).join(''),
    bytes.map((b) => `%25${hexByte(b)}`).join(''),
  ];
  if (c === ' ') forms.push('\\+');
  return `(?:${forms.join('|')})`;
}

function patternOf(secret: string): RegExp {
  return new RegExp([...secret].map(characterForms).join(''), 'g');
}

/** The parts of a secret that are secrets on their own (a token's key half, a URL's password). */
function partsOf(secret: string): string[] {
  const parts = [secret];
  const token = /^\d+:(.+)$/.exec(secret);
  if (token?.[1]) parts.push(token[1]);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(secret)) {
    try {
      const url = new URL(secret);
      if (url.password) parts.push(url.password, safeDecode(url.password));
    } catch {
      // Not a URL after all: the whole value is still registered.
    }
  }
  return parts;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Remember a secret (and its parts: the key half of a bot token, the
 * password of a URL) so that {@link redactSecrets} removes it from every
 * text from now on. Empty and very short values are ignored.
 */
export function registerSecret(secret: string | undefined): void {
  if (!secret) return;
  for (const part of partsOf(secret)) {
    if (part.length >= MIN_SECRET_LENGTH && !registered.has(part)) registered.set(part, patternOf(part));
  }
}

/**
 * Register the values of the named environment variables as secrets (e.g.
 * `SECRET_NAMES` of `secrets/ssm.ts`: `TELEGRAM_BOT_TOKEN`, `SMTP_URL`).
 */
export function registerSecretsFromEnv(env: NodeJS.ProcessEnv, names: readonly string[]): void {
  for (const name of names) registerSecret(env[name]);
}

/** Forget every registered secret (tests). */
export function clearSecrets(): void {
  registered.clear();
}

/**
 * `text` with every registered secret, and each of `extra`, replaced by
 * `***` in any raw or percent-encoded form. Longer secrets go first, so a
 * secret that contains another is removed whole.
 *
 * @example
 * registerSecret('123456:AAE-secret_token');
 * redactSecrets('GET /bot123456%3AAAE-secret_token/sendMessage'); // 'GET /bot***' + '/sendMessage'
 */
export function redactSecrets(text: string, extra: readonly (string | undefined)[] = []): string {
  const patterns = [...registered];
  for (const secret of extra) {
    for (const part of secret ? partsOf(secret) : []) {
      if (part.length >= MIN_SECRET_LENGTH && !registered.has(part)) patterns.push([part, patternOf(part)]);
    }
  }
  if (patterns.length === 0) return text;
  patterns.sort(([a], [b]) => b.length - a.length);
  let out = text;
  for (const [, pattern] of patterns) out = out.replace(pattern, REDACTED);
  return out;
}
