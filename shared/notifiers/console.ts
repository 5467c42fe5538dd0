/**
 * Console notifier: the alerts as plain text, for local runs and for the
 * function log when no other destination is configured.
 */
import { mostSevereFirst } from '../lib/severity.js';
import type { Finding } from '../types.js';
import { neutralize } from '../lib/text.js';
import { alertView } from './alert-fields.js';
import { claimDeliveries } from './delivery.js';
import type { Notifier } from './notifier.js';

/** Render the alerts of one batch, most severe first. Pure. */
export function renderConsole(findings: readonly Finding[]): string {
  const sorted = mostSevereFirst(findings);
  return sorted
    .map((finding) => {
      const view = alertView(finding);
      const width = Math.max(...view.fields.map((f) => f.label.length));
      const lines = view.fields.map((f) => {
        const url = f.url ? ` <${neutralize(f.url, 1000)}>` : '';
        return `  ${f.label.padEnd(width)}  ${neutralize(f.value, 1000)}${url}`;
      });
      return [neutralize(view.headline, 1000), ...lines].join('\n');
    })
    .join('\n\n');
}

/** A notifier that writes rendered alerts to a stream (stdout by default), once per finding (ledger). */
export function consoleNotifier(write: (text: string) => void = (t) => process.stdout.write(t)): Notifier {
  return {
    name: 'console',
    async send(findings, context) {
      const claims = await claimDeliveries(findings, (f) => `console:${f.dedupKey}`, context);
      if (claims.fresh.length > 0) write(`${renderConsole(claims.fresh)}\n`);
      await claims.sent(claims.fresh);
      return { sent: claims.fresh.length, alreadySent: claims.alreadySent };
    },
  };
}
