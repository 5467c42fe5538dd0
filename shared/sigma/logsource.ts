/**
 * Which clouds' records a Sigma rule's `logsource` names. CloudTrail uses the
 * Sigma taxonomy (`product: aws`, `service: cloudtrail`); Yandex Audit Trails
 * has none upstream, so audit-responder defines `product: yandex_cloud`,
 * `service: audit_trails`. Anything else is "not for these logs".
 */
import type { Cloud } from '../types.js';

/** A rule's log source as written. */
export interface LogSource {
  readonly product?: string;
  readonly service?: string;
  readonly category?: string;
}

/** The record fields that the action index and the service index read, per cloud. */
export const INDEX_FIELDS: Readonly<Record<Cloud, { readonly action: string; readonly service: string }>> = {
  aws: { action: 'eventName', service: 'eventSource' },
  yandex: { action: 'event_type', service: 'event_source' },
};

/** The cloud whose records the rule is for, or `undefined` when it is for other logs. */
export function cloudOf(source: LogSource): Cloud | undefined {
  const product = source.product?.toLowerCase();
  const service = source.service?.toLowerCase();
  if (product === 'aws' && service === 'cloudtrail') return 'aws';
  if (product === 'yandex_cloud' && service === 'audit_trails') return 'yandex';
  return undefined;
}

/** `product/service[/category]` for messages. */
export function describeLogSource(source: LogSource): string {
  return [source.product ?? '-', source.service ?? '-', ...(source.category ? [source.category] : [])].join('/');
}
