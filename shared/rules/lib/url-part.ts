/**
 * URL-encode a value from an audit record for a console link. Records are
 * untrusted JSON and may hold lone surrogates (valid JSON, invalid UTF-16),
 * on which `encodeURIComponent` throws; those become U+FFFD.
 */

/** `encodeURIComponent` that never throws. */
export function urlPart(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}
