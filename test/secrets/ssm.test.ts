import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/errors.js';
import { resolveSecrets } from '../../shared/secrets/ssm.js';

/** A local endpoint speaking the SSM JSON protocol for GetParameters. */
const store: Record<string, string> = {
  '/audit-responder/prod/telegram-bot-token': '123456789:AAH-secret-from-ssm-0123456789',
  '/audit-responder/prod/smtp-url': 'smtps://u:p@smtp.example:465',
};
const requests: { target: string; body: { Names: string[]; WithDecryption: boolean } }[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw) as { Names: string[]; WithDecryption: boolean };
      requests.push({ target: String(req.headers['x-amz-target']), body });
      const found = body.Names.filter((n) => n in store);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({
        Parameters: found.map((Name) => ({ Name, Type: 'SecureString', Value: store[Name], Version: 1 })),
        InvalidParameters: body.Names.filter((n) => !(n in store)),
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const clientConfig = () => ({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

describe('resolveSecrets', () => {
  it('fetches <NAME>_PARAM parameters with decryption into <NAME>', async () => {
    // Act
    const env = await resolveSecrets(
      { TELEGRAM_BOT_TOKEN_PARAM: '/audit-responder/prod/telegram-bot-token', SMTP_URL_PARAM: '/audit-responder/prod/smtp-url', OTHER: 'x' },
      { endpoint, clientConfig: clientConfig() },
    );

    // Assess
    expect(env.TELEGRAM_BOT_TOKEN).toBe(store['/audit-responder/prod/telegram-bot-token']);
    expect(env.SMTP_URL).toBe(store['/audit-responder/prod/smtp-url']);
    expect(requests.at(-1)).toEqual({ target: 'AmazonSSM.GetParameters', body: { Names: ['/audit-responder/prod/telegram-bot-token', '/audit-responder/prod/smtp-url'], WithDecryption: true } });
  });

  it('does not call SSM when nothing is asked', async () => {
    const before = requests.length;
    expect(await resolveSecrets({ A: 'b' }, { endpoint })).toEqual({ A: 'b' });
    expect(requests).toHaveLength(before);
  });

  it('names a missing parameter, never a value', async () => {
    const act = resolveSecrets({ TELEGRAM_BOT_TOKEN_PARAM: '/nope' }, { endpoint, clientConfig: clientConfig() });
    await expect(act).rejects.toThrow(ConfigError);
    await expect(act).rejects.toThrow('SSM parameters not found: /nope');
  });
});
