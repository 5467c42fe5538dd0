/**
 * HTML escaping for Telegram's HTML parse mode and for email bodies. Values
 * are sanitized (control and bidi characters made visible) and cut to a
 * length BEFORE escaping, so a cut never splits an entity or a tag.
 */
import { neutralize } from '../lib/text.js';

/** Escape `&`, `<`, `>` and `"` (the last for attribute values). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Neutralise (control, bidi and line-separator characters made visible), cut to `max` visible characters, then escape. */
export function safeHtml(value: string, max: number): string {
  return escapeHtml(neutralize(value, max));
}

/** The length of the text Telegram shows once tags are removed and entities decoded. */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot);/g, '_').length;
}

/** A link whose text and address are both neutralised and escaped. */
export function link(url: string, text: string, max: number): string {
  return `<a href="${escapeHtml(neutralize(url))}">${safeHtml(text, max)}</a>`;
}
