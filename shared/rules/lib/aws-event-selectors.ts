/**
 * CloudTrail event selectors as `PutEventSelectors` logs them, and what
 * they leave out of the management events:
 *
 * ```json
 * {"trailName":"main","eventSelectors":[{"readWriteType":"ReadOnly","includeManagementEvents":false,
 *   "excludeManagementEventSources":[],"dataResources":[{"type":"AWS::S3::Object","values":[]}]}]}
 * {"trailName":"main","advancedEventSelectors":[{"name":"data only","fieldSelectors":[
 *   {"field":"eventCategory","equals":["Data"]},{"field":"resources.type","equals":["AWS::S3::Object"]}]}]}
 * ```
 */
import { asRecord } from '../../lib/guards.js';
import type { JsonValue } from '../../types.js';
import { scalarText } from './scalars.js';

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const texts = (v: unknown): string[] => list(v).map(scalarText).filter((s): s is string => s !== undefined);

/** What management events a set of selectors drops; empty when it keeps them all. */
export function managementGaps(request: Readonly<Record<string, unknown>>): string[] {
  if (Array.isArray(request.advancedEventSelectors)) return advancedGaps(request.advancedEventSelectors);
  if (!Array.isArray(request.eventSelectors)) return [];
  const selectors = request.eventSelectors.map(asRecord);
  const management = selectors.filter((s) => s.includeManagementEvents !== false && s.includeManagementEvents !== 'false');
  if (management.length === 0) return ['management events excluded'];
  const gaps: string[] = [];
  const types = new Set(management.map((s) => scalarText(s.readWriteType) ?? 'All'));
  if (!types.has('All') && !(types.has('ReadOnly') && types.has('WriteOnly'))) {
    gaps.push(types.has('ReadOnly') ? 'write management events excluded (ReadOnly)' : 'read management events excluded (WriteOnly)');
  }
  const excluded = new Set(management.flatMap((s) => texts(s.excludeManagementEventSources)));
  if (excluded.size > 0 && management.every((s) => texts(s.excludeManagementEventSources).length > 0)) {
    gaps.push(`management events of ${[...excluded].join(', ')} excluded`);
  }
  return gaps;
}

function advancedGaps(selectors: readonly unknown[]): string[] {
  const management = selectors
    .map((s) => list(asRecord(s).fieldSelectors).map(asRecord))
    .filter((fields) => fields.some((f) => f.field === 'eventCategory' && texts(f.equals).includes('Management')));
  if (management.length === 0) return ['management events excluded'];
  const gaps: string[] = [];
  const readOnly = management.map((fields) => fields.find((f) => f.field === 'readOnly'));
  if (readOnly.every((f) => f !== undefined)) {
    const kept = new Set(readOnly.flatMap((f) => texts(f?.equals)));
    if (!(kept.has('true') && kept.has('false'))) {
      gaps.push(kept.has('true') ? 'write management events excluded (readOnly = true)' : 'read management events excluded (readOnly = false)');
    }
  }
  const sources = management.map((fields) => fields.find((f) => f.field === 'eventSource' && texts(f.notEquals).length > 0));
  if (sources.every((f) => f !== undefined)) {
    gaps.push(`management events of ${[...new Set(sources.flatMap((f) => texts(f?.notEquals)))].join(', ')} excluded`);
  }
  return gaps;
}

/**
 * The containment the remediation applies: the same selectors with
 * management events re-added in full (read and write, no excluded
 * sources), data-event selectors kept as they were.
 */
export function withManagementEvents(request: Readonly<Record<string, unknown>>): { [key: string]: JsonValue } {
  if (Array.isArray(request.advancedEventSelectors)) {
    const kept = request.advancedEventSelectors.filter((s) =>
      !list(asRecord(s).fieldSelectors).some((f) => asRecord(f).field === 'eventCategory' && texts(asRecord(f).equals).includes('Management')),
    ) as JsonValue[];
    return {
      advancedEventSelectors: [
        { name: 'Management events (restored by audit-responder)', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] },
        ...kept,
      ],
    };
  }
  const selectors = list(request.eventSelectors).map((s) => ({
    ...(asRecord(s) as { [key: string]: JsonValue }),
    includeManagementEvents: true,
    readWriteType: 'All',
    excludeManagementEventSources: [],
  }));
  return { eventSelectors: selectors.length > 0 ? selectors : [{ includeManagementEvents: true, readWriteType: 'All' }] };
}
