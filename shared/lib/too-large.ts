/** The one "too large" message of the readers and decoders. */

/**
 * Why an object (or a local file) was refused for its size.
 *
 * @example
 * tooLargeMessage(1000, 2048)            // 'object too large: 2048 bytes or more, limit is 1000 bytes'
 * tooLargeMessage(1000)                  // 'object too large: more than 1000 bytes, the limit'
 * tooLargeMessage(1000, 2048, 'file')    // 'file too large: 2048 bytes or more, limit is 1000 bytes'
 * @param limit the limit in bytes (`storage.maxObjectBytes`)
 * @param size the size seen so far, when known
 * @param what what was read: an `object` (bucket, archive) or a local `file`
 */
export function tooLargeMessage(limit: number, size?: number, what: 'object' | 'file' = 'object'): string {
  return size === undefined
    ? `${what} too large: more than ${limit} bytes, the limit`
    : `${what} too large: ${size} bytes or more, limit is ${limit} bytes`;
}
