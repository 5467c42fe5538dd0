/**
 * The cloud formats this build reads, in the order they are tried when a
 * document could be either. A new cloud: its descriptor file (see
 * `./cloud-format.ts`) and one line here.
 */
import type { Cloud } from '../types.js';
import { aws } from './aws.js';
import type { CloudFormat } from './cloud-format.js';
import { yandex } from './yandex.js';

/** Every format, in recognition order. */
export const CLOUD_FORMATS: readonly CloudFormat[] = [aws, yandex];

/** The format assumed for an array or JSON Lines whose first record no format recognises. */
export const FALLBACK_FORMAT: CloudFormat = yandex;

const BY_CLOUD = new Map<Cloud, CloudFormat>(CLOUD_FORMATS.map((f) => [f.cloud, f]));

/** The descriptor of a cloud. */
export function formatOf(cloud: Cloud): CloudFormat {
  const format = BY_CLOUD.get(cloud);
  if (!format) throw new Error(`no format registered for cloud ${cloud}`);
  return format;
}

/** The format of an array or JSON Lines by its first record (parsed, or as bytes). */
export function recogniseRecord(record: Readonly<Record<string, unknown>> | undefined): CloudFormat {
  return (record && CLOUD_FORMATS.find((f) => f.recognises(record))) || FALLBACK_FORMAT;
}

/** The same, from the raw bytes of a streamed array's first element. */
export function probeRecord(bytes: Buffer | undefined): CloudFormat {
  return (bytes && CLOUD_FORMATS.find((f) => f.probe(bytes))) || FALLBACK_FORMAT;
}

/** The format whose delivery documents hold their records under `key`. */
export function formatWithRecordsKey(key: string): CloudFormat | undefined {
  return CLOUD_FORMATS.find((f) => f.recordsKey === key);
}
