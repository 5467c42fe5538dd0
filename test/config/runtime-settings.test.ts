import { describe, expect, it } from 'vitest';
import { colorAllowed, loadRuntimeSettings } from '../../shared/config/runtime-settings.js';

describe('loadRuntimeSettings', () => {
  it('gives the defaults for an empty environment', () => {
    expect(loadRuntimeSettings({})).toEqual({ logLevel: 'info', staticKeys: false });
  });

  it('reads every variable it documents', () => {
    // Act
    const settings = loadRuntimeSettings({
      AUDIT_RESPONDER_CONFIG: 'config/prod.json',
      LOG_LEVEL: 'debug',
      NOTIFY_RESERVE_MS: '4000',
      LEDGER_TABLE: 'ledger',
      LEDGER_ENDPOINT: 'http://127.0.0.1:4567',
      LEDGER_REGION: 'ru-central1',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    });

    // Assess
    expect(settings).toEqual({
      logLevel: 'debug',
      configFile: 'config/prod.json',
      reserveMs: 4000,
      ledger: { table: 'ledger', endpoint: 'http://127.0.0.1:4567', region: 'ru-central1' },
      staticKeys: true,
    });
  });

  it.each(['999', '600001', 'ten'])('rejects NOTIFY_RESERVE_MS=%s as before', (value) => {
    expect(() => loadRuntimeSettings({ NOTIFY_RESERVE_MS: value })).toThrow('NOTIFY_RESERVE_MS: expected an integer from 1000 to 600000 (milliseconds)');
  });

  it('ignores the ledger endpoint without a table', () => {
    expect(loadRuntimeSettings({ LEDGER_ENDPOINT: 'http://127.0.0.1:4567' }).ledger).toBeUndefined();
  });

  it.each([
    { env: {}, expected: true },
    { env: { NO_COLOR: '1' }, expected: false },
  ])('colorAllowed($env) is $expected', ({ env, expected }) => {
    expect(colorAllowed(env)).toBe(expected);
  });
});
