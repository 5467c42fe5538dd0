/**
 * The Yandex Cloud Audit Trails format descriptor: JSON arrays of events
 * (or JSON Lines, or one event), action `event_type`, service `event_source`.
 */
import type { CloudFormat } from './cloud-format.js';
import { parseYandexEvent, yandexEnvelopeProblem } from './yandex-audit-trails.js';

/** Yandex Cloud Audit Trails. */
export const yandex: CloudFormat = {
  cloud: 'yandex',
  actionField: 'event_type',
  serviceField: 'event_source',
  actionInText: /"event_type"\s*:\s*"([^"\\]*)"/g,
  actionKey: { name: Buffer.from('"event_type"'), envelope: [Buffer.from('"event_id"')] },
  watched: { action: Buffer.from('event_type'), envelope: [Buffer.from('event_id')], service: Buffer.from('event_source') },
  envelopeKeys: ['"event_id"'],
  envelopeProblem: yandexEnvelopeProblem,
  parse: parseYandexEvent,
  recognises: (record) => 'event_type' in record || 'event_id' in record,
  probe: (bytes) => /"event_type"\s*:/.test(bytes.toString('utf8')),
  singleEvent: (document) => 'event_type' in document || 'event_id' in document,
  where: (event) => {
    const scope = event.scope;
    return [
      'Yandex Cloud',
      scope.cloud ? `cloud ${scope.cloudName ?? scope.cloud} (${scope.cloud})` : '',
      scope.folder ? `· folder ${scope.folderName ?? scope.folder} (${scope.folder})` : '',
    ].join(' ').trim();
  },
};
