import { describe, expect, it } from 'vitest';
import { recordArrival } from '../../shared/heartbeat/record.js';
import { prefixesOf, seenKey, slotStart, slotsWithin } from '../../shared/heartbeat/slots.js';
import { silentLogger } from '../../shared/log.js';
import { type Ledger, memoryLedger } from '../../shared/store/ledger.js';

const NOW = Date.parse('2026-10-01T12:07:30Z');

describe('heartbeat arrival marks', () => {
  it('marks the 5-minute slot of each watched prefix the object falls under, once', async () => {
    // Prepare
    const ledger = memoryLedger();
    const watch = { prefixes: ['acme-trail/AWSLogs/', 'acme-trail/other/'] };

    // Act
    await recordArrival(ledger, { bucket: 'acme-trail', key: 'AWSLogs/111122223333/CloudTrail/a.json.gz' }, watch, silentLogger, NOW);
    await recordArrival(ledger, { bucket: 'acme-trail', key: 'AWSLogs/111122223333/CloudTrail/b.json.gz' }, watch, silentLogger, NOW + 1000);
    await recordArrival(ledger, { bucket: 'elsewhere', key: 'AWSLogs/x.json.gz' }, watch, silentLogger, NOW);

    // Assess
    expect([...ledger.keys]).toEqual(['heartbeat:seen:acme-trail/AWSLogs/:2026-10-01T12:05:00.000Z']);
  });

  it('logs instead of throwing when the ledger fails', async () => {
    // Prepare
    const logged: string[] = [];
    const broken = { claim: () => Promise.reject(new Error('table gone')) } as unknown as Ledger;
    const logger = { log: (_level: string, message: string) => void logged.push(message) };

    // Act
    await recordArrival(broken, { bucket: 'b', key: 'p/k' }, { prefixes: ['b/p/'] }, logger, NOW);

    // Assess
    expect(logged).toEqual(['heartbeat mark failed']);
  });

  it.each([
    { name: 'slot start', value: new Date(slotStart(NOW)).toISOString(), expected: '2026-10-01T12:05:00.000Z' },
    { name: 'seen key', value: seenKey('b/p/', slotStart(NOW)), expected: 'heartbeat:seen:b/p/:2026-10-01T12:05:00.000Z' },
    { name: 'slots in 15 minutes', value: slotsWithin(NOW, 15).map((s) => new Date(s).toISOString().slice(11, 16)).join(','), expected: '12:05,12:00,11:55,11:50' },
    { name: 'prefixes of a key', value: prefixesOf('b', 'p/k', ['b/p/', 'b/q/', 'c/p/']).join(','), expected: 'b/p/' },
  ])('computes the $name', ({ value, expected }) => {
    expect(value).toBe(expected);
  });
});
