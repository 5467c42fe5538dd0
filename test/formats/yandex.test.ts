/** The Yandex Audit Trails format descriptor: recognition, probes, parser and the alert's "Where". */
import { describe, expect, it } from 'vitest';
import { actionInBytes } from '../../shared/formats/bytes.js';
import { yandex } from '../../shared/formats/yandex.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import { toYandexEvent, yandexEvent } from '../helpers/yandex.js';

describe('yandex format descriptor', () => {
  const event = yandexEvent('storage', 'BucketUpdate', { bucket_id: 'acme-public' });

  it.each([
    { name: 'a Yandex event', value: event, expected: true },
    { name: 'a CloudTrail record', value: cloudTrailRecord(), expected: false },
  ])('recognises $name: $expected (parsed, as bytes, as a single event)', ({ value, expected }) => {
    expect(yandex.recognises(value)).toBe(expected);
    expect(yandex.probe(Buffer.from(JSON.stringify(value)))).toBe(expected);
    expect(yandex.singleEvent(value)).toBe(expected);
  });

  it('has no delivery-document key and skips nothing by key', () => {
    expect(yandex.recordsKey).toBeUndefined();
    expect(yandex.skipKey?.('audit/trail/2026/10/01/x.json')).toBeUndefined();
  });

  it('reads the action from text and bytes, checks the envelope and parses to a yandex event', () => {
    const text = JSON.stringify(event);
    yandex.actionInText.lastIndex = 0;
    expect(yandex.actionInText.exec(text)?.[1]).toBe('yandex.cloud.audit.storage.BucketUpdate');
    expect(actionInBytes(Buffer.from(text), yandex.actionKey)).toBe('yandex.cloud.audit.storage.BucketUpdate');
    expect(yandex.envelopeProblem(event)).toBeUndefined();
    expect(yandex.envelopeProblem({ event_type: 'x' })).toBeDefined();
    const parsed = yandex.parse(event, { key: 'k', index: 0 });
    expect(parsed.ok && parsed.event.cloud).toBe('yandex');
    expect(parsed.ok && parsed.event.service).toBe(event[yandex.serviceField]);
  });

  it('says where: the cloud and the folder, by name and id', () => {
    expect(yandex.where(toYandexEvent(event))).toBe('Yandex Cloud cloud acme-prod (b1g8dn6s3v2example01) · folder web (b1gvmob95yexample001)');
  });
});
