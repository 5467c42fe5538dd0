/**
 * The alert email for one batch: a subject with the top severity, rule and
 * count, and the same content as plain text and as HTML (every value from
 * the event neutralised — control, bidi and line-separator characters made
 * visible — and, in HTML, escaped). Pure.
 */
import { mostSevereFirst } from '../lib/severity.js';
import type { Finding } from '../types.js';
import { neutralize } from '../lib/text.js';
import { alertView } from './alert-fields.js';
import { escapeHtml, link, safeHtml } from './html.js';

/** A rendered email. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const FIELD_MAX = 2000;

/** Render the findings of one batch, most severe first. */
export function renderEmail(findings: readonly Finding[]): RenderedEmail {
  const sorted = mostSevereFirst(findings);
  const top = sorted[0];
  if (!top) throw new Error('renderEmail needs at least one finding');
  const more = sorted.length > 1 ? ` (+${sorted.length - 1} more)` : '';
  const subject = neutralize(
    `[audit-responder] ${top.severity.toUpperCase()}: ${top.title} - ${top.resource.name ?? top.resource.id} [${top.ruleId}]${more}`,
    200,
  );
  const views = sorted.map(alertView);
  const text = views
    .map((v) => [neutralize(v.headline, FIELD_MAX), ...v.fields.map((f) => `  ${f.label}: ${neutralize(f.value, FIELD_MAX)}${f.url ? `\n    ${neutralize(f.url, FIELD_MAX)}` : ''}`)].join('\n'))
    .join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:-apple-system,Segoe UI,Roboto,sans-serif;font-size:14px">',
    `<p><b>${sorted.length} dangerous change${sorted.length === 1 ? '' : 's'}</b> found by audit-responder.</p>`,
    ...views.map((v) =>
      [
        `<h3 style="margin:16px 0 4px">${safeHtml(v.headline, 300)}</h3>`,
        '<table cellpadding="3" style="border-collapse:collapse">',
        ...v.fields.map((f) => {
          const value = f.url ? link(f.url, f.value, FIELD_MAX) : safeHtml(f.value, FIELD_MAX);
          return `<tr><td style="color:#555;vertical-align:top"><b>${escapeHtml(f.label)}</b></td><td>${value}</td></tr>`;
        }),
        '</table>',
      ].join('\n'),
    ),
    '</body></html>',
  ].join('\n');
  return { subject, text: `${sorted.length} dangerous change${sorted.length === 1 ? '' : 's'} found by audit-responder.\n\n${text}\n`, html };
}
