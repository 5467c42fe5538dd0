/**
 * The notifier registry: every secret a notifier declares reaches the SSM
 * list, the IAM policy of the AWS role and the Yandex deploy script's
 * Lockbox keys (all derived from the declarations, never listed by hand).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { iamStatements } from '../../scripts/iam.js';
import { secretNamesLine } from '../../scripts/secret-names.js';
import { NOTIFIERS, NOTIFIER_SECRET_NAMES } from '../../shared/notifiers/index.js';
import { SECRET_NAMES, secretDeployKey, secretParams } from '../../shared/secrets/ssm.js';

const declared = NOTIFIERS.flatMap((n) => n.settings.secretNames.map((name) => ({ notifier: n.settings.key, name })));

describe('notifier registry', () => {
  it('declares the Telegram token and the SMTP URL as secrets', () => {
    expect(NOTIFIER_SECRET_NAMES).toEqual(['TELEGRAM_BOT_TOKEN', 'SMTP_URL']);
  });

  it.each(declared)('$notifier: $name is in the SSM list and the Yandex script output', ({ name }) => {
    expect(SECRET_NAMES).toContain(name);
    expect(secretNamesLine().split(' ')).toContain(name);
  });

  it.each(declared)('$notifier: $name is read from SSM when $name_PARAM is set', ({ name }) => {
    // Act
    const wanted = secretParams({ [`${name}_PARAM`]: `/acme/${name}` });

    // Assess
    expect(wanted).toEqual([{ name, param: `/acme/${name}` }]);
  });

  it.each(declared)('$notifier: $name is a variable it declares, and a secret only once', ({ notifier, name }) => {
    const entry = NOTIFIERS.find((n) => n.settings.key === notifier);
    expect(entry?.settings.variables).toContain(name);
    expect(SECRET_NAMES.filter((n) => n === name)).toHaveLength(1);
  });

  it('grants the role ssm:GetParameters on the parameter of every declared secret', () => {
    // Prepare: a stage file naming one parameter per secret under its deploy key.
    const dir = mkdtempSync(join(tmpdir(), 'ar-registry-'));
    const stage = join(dir, 'prod.yml');
    const deploy = Object.fromEntries(SECRET_NAMES.map((name) => [secretDeployKey(name), `/acme/${name.toLowerCase()}`]));
    writeFileSync(stage, stringify({ deploy: { trailBucket: 'acme-trail', region: 'eu-west-1', ...deploy } }));

    // Act
    const statement = iamStatements(stage, 'prod').find((s) => s.Sid === 'ReadOwnSecrets');

    // Assess
    expect(statement?.Action).toEqual(['ssm:GetParameters']);
    expect(JSON.stringify(statement?.Resource)).toContain('parameter/acme/telegram_bot_token');
    for (const name of SECRET_NAMES) expect(JSON.stringify(statement?.Resource)).toContain(`parameter/acme/${name.toLowerCase()}`);
  });

  it.each([
    { name: 'TELEGRAM_BOT_TOKEN', key: 'telegramBotTokenParam' },
    { name: 'SMTP_URL', key: 'smtpUrlParam' },
  ])('names the deploy key of $name $key, as serverless.yml reads it', ({ name, key }) => {
    expect(secretDeployKey(name)).toBe(key);
    expect(readFileSync(new URL('../../serverless.yml', import.meta.url), 'utf8')).toContain(`${name}_PARAM: \${self:custom.deploy.${key}}`);
  });
});
