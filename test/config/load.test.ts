import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../shared/config/load.js';
import { ConfigError } from '../../shared/errors.js';

const ruleIds = ['aws-s3-acl-public', 'yandex-vpc-sg-ingress-open'];

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ar-config-')), name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('fills every default from an empty environment', () => {
    const config = loadConfig({ env: {}, ruleIds });
    expect(config).toEqual({
      rules: {},
      allow: { principals: [], resources: [] },
      ownAccounts: [],
      remediation: { mode: 'dry-run', protect: { principals: [], resources: [] }, selfPrincipals: [], yandexApiHosts: {} },
      storage: { region: 'us-east-1', forcePathStyle: false, maxObjectBytes: 536870912 },
    });
  });

  it('reads a YAML file and environment overrides', () => {
    // Prepare
    const path = file('c.yaml', [
      'rules:',
      '  aws-s3-acl-public: { severity: critical }',
      '  yandex-vpc-sg-ingress-open: { enabled: false }',
      'allow:',
      '  principals: [{ pattern: "arn:aws:iam::*:role/terraform-*", reason: IaC pipeline }]',
      'ownAccounts: ["111122223333"]',
    ].join('\n'));

    // Act
    const config = loadConfig({ env: { AUDIT_RESPONDER_CONFIG: path, S3_ENDPOINT: 'http://127.0.0.1:4569', S3_FORCE_PATH_STYLE: 'yes', OWN_ACCOUNT_IDS: '111122223333, 444455556666' }, ruleIds, parseYaml });

    // Assess
    expect(config.rules['aws-s3-acl-public']).toEqual({ enabled: true, severity: 'critical', remediate: false });
    expect(config.rules['yandex-vpc-sg-ingress-open']?.enabled).toBe(false);
    expect(config.allow.principals).toEqual([{ pattern: 'arn:aws:iam::*:role/terraform-*', reason: 'IaC pipeline' }]);
    expect(config.ownAccounts).toEqual(['111122223333', '444455556666']);
    expect(config.storage).toMatchObject({ endpoint: 'http://127.0.0.1:4569', forcePathStyle: true });
  });

  it.each([
    { name: 'an unknown top-level key', json: '{"rulez":{}}', message: 'rulez: unknown key' },
    { name: 'an unknown rule id', json: '{"rules":{"aws-nope":{}}}', message: 'rules.aws-nope: unknown rule id; valid ids: aws-s3-acl-public, yandex-vpc-sg-ingress-open' },
    { name: 'a bad severity', json: '{"rules":{"aws-s3-acl-public":{"severity":"urgent"}}}', message: 'rules.aws-s3-acl-public.severity' },
    { name: 'a bad account id', json: '{"ownAccounts":["12345"]}', message: 'ownAccounts.0: must be a 12-digit AWS account id' },
    { name: 'a bad endpoint', json: '{"storage":{"endpoint":"not a url"}}', message: 'storage.endpoint' },
    { name: 'unparseable text', json: '{"rules": [', message: 'cannot parse AUDIT_RESPONDER_CONFIG_JSON' },
  ])('fails on $name, naming the key', ({ json, message }) => {
    const act = () => loadConfig({ env: { AUDIT_RESPONDER_CONFIG_JSON: json }, ruleIds, parseYaml });
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(message);
  });

  it('fails on a missing file, naming it', () => {
    expect(() => loadConfig({ env: {}, file: '/nonexistent/c.yaml', ruleIds })).toThrow('cannot read config file /nonexistent/c.yaml');
  });

  it('rejects a non-boolean S3_FORCE_PATH_STYLE by name', () => {
    expect(() => loadConfig({ env: { S3_FORCE_PATH_STYLE: 'maybe' }, ruleIds })).toThrow('S3_FORCE_PATH_STYLE');
  });
});
