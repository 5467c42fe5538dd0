/** The composition root: what it builds from the environment, and every override the CLI and tests use. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Config } from '../shared/config/schema.js';
import type { ObjectReader } from '../shared/io/object-ref.js';
import { silentLogger } from '../shared/log.js';
import { createRuntime, createRuntimeAsync } from '../shared/runtime.js';
import { memoryLedger } from '../shared/store/ledger.js';

const nothing: ObjectReader = { open: () => Promise.reject(new Error('not read here')) };

describe('createRuntime', () => {
  it('reads the ledger table and the reserve from the environment', () => {
    // Act
    const runtime = createRuntime({ env: { LEDGER_TABLE: 'ledger-t', NOTIFY_RESERVE_MS: '4000' }, reader: nothing, logger: silentLogger, notifiers: [] });

    // Assess
    expect(runtime.ledgerName).toBe('DynamoDB table ledger-t');
    expect(runtime.reserveMs).toBe(4000);
    expect(runtime.config.remediation.mode).toBe('dry-run');
  });

  it('reads a YAML config file, replaces the remediation mode and hands the config to the reader factory', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'ar-runtime-'));
    const file = join(dir, 'stage.yml');
    writeFileSync(file, 'remediation:\n  mode: enforce\nstorage:\n  maxObjectBytes: 4096\n');
    const seen: Config[] = [];

    // Act
    const runtime = await createRuntimeAsync({
      env: {},
      configFile: file,
      parseYaml,
      remediationMode: 'off',
      reader: (config) => {
        seen.push(config);
        return nothing;
      },
      logger: silentLogger,
      notifiers: [],
      ledger: memoryLedger(),
    });

    // Assess
    expect(runtime.config.remediation.mode).toBe('off');
    expect(seen.map((c) => c.storage.maxObjectBytes)).toEqual([4096]);
    expect(runtime.maxObjectBytes).toBe(4096);
    expect(runtime.reader).toBe(nothing);
    expect(runtime.ledgerName).toBe('ledger');
  });

  it('builds the configured notifiers, else the console', () => {
    // Prepare
    const base = { reader: nothing, logger: silentLogger } as const;

    // Act
    const console = createRuntime({ ...base, env: {} });
    const telegram = createRuntime({ ...base, env: { TELEGRAM_BOT_TOKEN: '123456789:AAH-example_token_for_tests_0123456789', TELEGRAM_CHAT_IDS: '1' } });

    // Assess
    expect(console.notifiers.map((n) => n.name)).toEqual(['console']);
    expect(telegram.notifiers.map((n) => n.name)).toEqual(['telegram']);
  });
});
