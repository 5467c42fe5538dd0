/**
 * Splits the records array of an audit-log document into the bytes of each
 * record, fed in decompressed `Buffer` chunks, without holding the whole
 * document: the elements of `[…]` (Yandex) or of `{"Records":[…]}`
 * (CloudTrail). Only the string and nesting state is tracked, by one of two
 * engines with the same results: the WebAssembly scanner
 * (`structural-scan.ts`: string contents skipped 16 bytes at a time with
 * SIMD; it writes begin/end/action events that are replayed here), or, where
 * WebAssembly SIMD is missing, JavaScript (inside strings it jumps from quote
 * to quote with the native `indexOf`, and a quote is escaped when an odd run
 * of backslashes precedes it; outside strings a tight loop over the bytes
 * looks at the structural ones). No JavaScript string is made here but the
 * action and service: each record's bytes are handed over (a view of the
 * chunk when the record lies in one), so the caller decodes only what a rule
 * needs.
 *
 * Peak memory is one chunk plus the largest record, and a record larger than
 * `maxRecordBytes` is dropped as it streams by, reported with its size.
 */

/** What a record element turned out to be, as bytes. */
export type ByteElement =
  /** A JSON object; `bytes` is only valid during the callback (it may view a chunk). */
  | {
      readonly kind: 'object';
      readonly bytes: Buffer;
      readonly index: number;
      readonly offset: number;
      /**
       * With {@link ByteSplitter.watch}: the action, when the record's top
       * level holds the action key once (unescaped, a plain string value) and
       * every envelope key; `undefined` means "parse it to know".
       */
      readonly action?: string;
      /**
       * With {@link WatchedKeys.service}: the service, when the top level
       * holds its key once with a plain string value; `undefined`: unknown.
       */
      readonly service?: string;
      /** True when the bytes are known to be valid UTF-8 (they lie in one chunk checked whole). */
      readonly utf8?: boolean;
    }
  /** A number, string, array, `true`, `false` or `null` where a record should be. */
  | { readonly kind: 'other'; readonly index: number; readonly offset: number }
  /** An element larger than `maxRecordBytes`: never held, only measured. */
  | { readonly kind: 'oversize'; readonly index: number; readonly offset: number; readonly size: number };

/** Limits of a {@link ByteSplitter}. */
export interface SplitterLimits {
  /**
   * The scanning engine: `wasm` (the default where WebAssembly SIMD runs) or
   * `js`; both give the same results (a fuzz property compares them).
   */
  readonly engine?: 'wasm' | 'js';
  /** Largest record handed over whole, in bytes. @default unlimited */
  readonly maxRecordBytes?: number;
  /** Bytes kept after the array's closing `]` (the document's tail). @default 1 MiB */
  readonly maxRestBytes?: number;
}

/** Top-level keys of a record to look for while splitting (without quotes). */
export interface WatchedKeys {
  readonly action: Buffer;
  readonly envelope: readonly Buffer[];
  /** The service key (CloudTrail `eventSource`, Yandex `event_source`), read like the action when given. */
  readonly service?: Buffer;
}

import { isUtf8 } from 'node:buffer';
import { EVENT, EVENT_WORDS, MAX_ENVELOPE_KEYS, MAX_KEY_BYTES, SLOT, STATE_SLOTS, type StructuralScanner, structuralScanner } from './structural-scan.js';

/** True when a record (its action, service, and bytes `chunk[from, to)`) can be skipped unparsed. */
export type SkipRecord = (action: string, service: string | undefined, chunk: Buffer, from: number, to: number) => boolean;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * A push-based byte splitter. `depth` is the nesting depth of the array's
 * elements: 1 when the document is the array, 2 inside `{"Records":[`.
 * Feed it the bytes after the array's `[`; `offset` is where they start in
 * the decompressed object (so errors can name a byte).
 */
export class ByteSplitter {
  readonly #onElement: (element: ByteElement) => void;
  readonly #base: number;
  readonly #maxRecord: number;
  readonly #maxRest: number;
  #depth: number;
  #inString = false;
  #escaped = false;
  #inElement = false;
  #scalar = false;
  #parts: Buffer[] = [];
  #partsBytes = 0;
  #oversize = false;
  #elementOffset = 0;
  #index = 0;
  #offset: number;
  #rest: Buffer[] | undefined;
  #restBytes = 0;
  /** True when more than `maxRestBytes` followed the array. */
  restOverflow = false;
  #watch: WatchedKeys | undefined;
  #skip: SkipRecord | undefined;
  #onSkip: (() => void) | undefined;
  /** The current chunk is valid UTF-8 (but for characters cut at its edges). */
  #clean = false;
  #stringStart = -1;
  #pendingAction = false;
  #action: string | undefined;
  #actionCount = 0;
  #envelopeSeen = 0;
  #uncertain = false;
  #pendingService = false;
  #service: string | undefined;
  #serviceCount = 0;
  /** The WebAssembly engine and this splitter's state in it; `undefined`: the JavaScript engine. */
  #scanner: StructuralScanner | undefined;
  readonly #state = new Int32Array(STATE_SLOTS);

  constructor(depth: number, onElement: (element: ByteElement) => void, limits: SplitterLimits = {}, offset = 0) {
    this.#base = depth - 1;
    this.#depth = depth;
    this.#onElement = onElement;
    this.#maxRecord = limits.maxRecordBytes ?? Number.POSITIVE_INFINITY;
    this.#maxRest = limits.maxRestBytes ?? 1 << 20;
    this.#offset = offset;
    this.#scanner = limits.engine === 'js' ? undefined : structuralScanner();
    this.#state[SLOT.depth] = depth;
    this.#state[SLOT.base] = depth - 1;
  }

  /** True once the array's closing `]` was seen. */
  get done(): boolean {
    return this.#rest !== undefined;
  }

  /** Bytes after the array's closing `]` (at most `maxRestBytes`), once it was seen. */
  get rest(): Buffer | undefined {
    return this.#rest === undefined ? undefined : Buffer.concat(this.#rest, Math.min(this.#restBytes, this.#maxRest));
  }

  /**
   * Read the action and check the envelope keys of each record's top level
   * while splitting (see {@link ByteElement}); from the next record on.
   */
  watch(keys: WatchedKeys, skip?: SkipRecord, onSkip?: () => void): void {
    this.#watch = keys;
    const service = keys.service?.length ?? 0;
    if (keys.envelope.length > MAX_ENVELOPE_KEYS || [keys.action, ...keys.envelope].some((k) => k.length === 0 || k.length > MAX_KEY_BYTES) || service > MAX_KEY_BYTES) {
      // Keys the module cannot hold: go on in JavaScript from the module's state.
      this.#leaveScanner();
    }
    const state = this.#state;
    state[SLOT.watching] = 1;
    state[SLOT.actionKeyLength] = keys.action.length;
    state[SLOT.serviceKeyLength] = service;
    state[SLOT.envelopeCount] = keys.envelope.length;
    for (const [e, key] of keys.envelope.entries()) state[SLOT.envelopeKeyLength + e] = key.length;
    // A record lying in one valid chunk whose action `skip` accepts is only counted.
    this.#skip = skip && onSkip ? skip : undefined;
    this.#onSkip = onSkip;
  }

  /** Records seen so far (objects or not). */
  get count(): number {
    return this.#index;
  }

  /** Feed the next chunk of bytes. */
  push(chunk: Buffer): void {
    const n = chunk.length;
    if (this.#rest !== undefined) {
      this.#keepRest(chunk);
      this.#offset += n;
      return;
    }
    if (n === 0) return;
    if (this.#scanner !== undefined) this.#pushScanned(chunk, this.#scanner);
    else this.#pushJs(chunk);
  }

  /** The WebAssembly engine: scan the chunk in the module, then replay its events. */
  #pushScanned(chunk: Buffer, scanner: StructuralScanner): void {
    const n = chunk.length;
    const state = this.#state;
    this.#clean = this.#skip !== undefined && cleanUtf8(chunk);
    // A string open at the chunk's start began in an earlier chunk.
    state[SLOT.stringStart] = -2;
    let start = 0;
    let at = 0;
    let again = false;
    while (at < n) {
      // The keys as they are now: a replayed record may have started the watch (the module stops after it).
      scanner.load(chunk, this.#watch, again);
      again = true;
      at = scanner.scan(state, at, n);
      const events = scanner.events(state[SLOT.events] as number);
      for (let k = 0; k < events.length; k += EVENT_WORDS) {
        const a = events[k + 1] as number;
        switch (events[k]) {
          case EVENT.beginObject:
            this.#begin(false, a);
            start = a;
            break;
          case EVENT.beginOther:
            this.#begin(true, a);
            break;
          case EVENT.finishScalar:
            this.#finishScalar();
            break;
          case EVENT.action:
            this.#action = scanner.text(chunk, a, events[k + 2] as number, events[k + 3] as number);
            break;
          case EVENT.service:
            this.#service = scanner.text(chunk, a, events[k + 2] as number, events[k + 3] as number);
            break;
          case EVENT.end: {
            const flags = events[k + 2] as number;
            this.#emit(chunk, start, a + 1, (flags & 1) === 1, (flags & 2) === 2);
            start = a + 1;
            break;
          }
          case EVENT.close:
            this.#finishScalar();
            this.#rest = [];
            this.#keepRest(chunk.subarray(a + 1));
            this.#offset += n;
            return;
        }
      }
    }
    if (this.#inElement && !this.#scalar) this.#keep(chunk, start);
    this.#offset += n;
  }

  /**
   * Carry on in JavaScript (keys the module cannot hold): the string, depth
   * and element state move over; a record under way loses its keys (its
   * action is then unknown, so it is parsed).
   */
  #leaveScanner(): void {
    if (this.#scanner === undefined) return;
    const state = this.#state;
    this.#scanner = undefined;
    this.#depth = state[SLOT.depth] as number;
    this.#inString = state[SLOT.inString] === 1;
    this.#escaped = state[SLOT.escaped] === 1;
    this.#uncertain = true;
  }

  /** The JavaScript engine. */
  #pushJs(chunk: Buffer): void {
    const n = chunk.length;
    const top = this.#base + 1;
    // A string open at the chunk's start began in an earlier chunk.
    this.#stringStart = -2;
    this.#clean = this.#skip !== undefined && cleanUtf8(chunk);
    let start = 0;
    let i = 0;
    while (i < n) {
      if (this.#inString) {
        if (this.#escaped) {
          this.#escaped = false;
          i += 1;
          continue;
        }
        const q = chunk.indexOf(QUOTE, i);
        const end = q === -1 ? n : q;
        // An odd run of backslashes right before the quote (or the chunk's end) escapes it.
        let j = end - 1;
        while (j >= i && chunk[j] === BACKSLASH) j -= 1;
        const odd = ((end - 1 - j) & 1) === 1;
        if (q === -1) {
          // A record's top-level string cut by the chunk: its key is not looked at.
          if (this.#depth === top + 1) this.#uncertain = true;
          this.#escaped = odd;
          i = n;
          break;
        }
        i = q + 1;
        if (!odd) {
          this.#inString = false;
          if (this.#watch !== undefined && this.#depth === top + 1 && this.#inElement && !this.#scalar) this.#topString(chunk, this.#stringStart + 1, q);
        }
        continue;
      }
      const c = chunk[i] as number;
      if (c === QUOTE) {
        this.#inString = true;
        this.#stringStart = i;
        if (!this.#inElement && this.#depth === top) this.#begin(true, i);
      } else if (c === 0x7b || c === 0x5b) {
        if (!this.#inElement && this.#depth === top) {
          this.#begin(c !== 0x7b, i);
          start = i;
        }
        this.#depth += 1;
      } else if (c === 0x7d || c === 0x5d) {
        this.#depth -= 1;
        if (this.#depth === this.#base) {
          // The array itself closed.
          this.#finishScalar();
          this.#rest = [];
          this.#keepRest(chunk.subarray(i + 1));
          this.#offset += n;
          return;
        }
        if (this.#inElement && this.#depth === top) {
          const certain =
            this.#watch !== undefined && !this.#uncertain && this.#actionCount === 1 && this.#envelopeSeen === (1 << this.#watch.envelope.length) - 1;
          this.#emit(chunk, start, i + 1, certain, this.#serviceCount === 1);
          start = i + 1;
        }
      } else if (c === 0x2c) {
        if (this.#depth === top) this.#finishScalar();
      } else if (c > 0x20 && !this.#inElement && this.#depth === top) {
        // A number, true, false or null (or any other byte) where a record should be.
        this.#begin(true, i);
      }
      i += 1;
    }
    if (this.#inElement && !this.#scalar) this.#keep(chunk, start);
    this.#offset += n;
  }

  /** A complete string at a record's top level, `from`..`to` its content in `chunk`. */
  #topString(chunk: Buffer, from: number, to: number): void {
    const watch = this.#watch as WatchedKeys;
    if (from < 0) {
      this.#uncertain = true;
      return;
    }
    if (this.#pendingAction) {
      this.#pendingAction = false;
      for (let k = from; k < to; k++) {
        if (chunk[k] === BACKSLASH) {
          this.#uncertain = true;
          return;
        }
      }
      this.#action = chunk.toString('utf8', from, to);
      return;
    }
    if (this.#pendingService) {
      this.#pendingService = false;
      // An escaped service is left unknown (the engine then assumes any service).
      for (let k = from; k < to; k++) if (chunk[k] === BACKSLASH) return;
      this.#service = chunk.toString('utf8', from, to);
      return;
    }
    // A key is followed by `:`; a value by `,` or `}`.
    let j = to + 1;
    const n = chunk.length;
    while (j < n && (chunk[j] === 0x20 || chunk[j] === 0x0a || chunk[j] === 0x0d || chunk[j] === 0x09)) j += 1;
    if (j === n) {
      this.#uncertain = true;
      return;
    }
    if (chunk[j] !== 0x3a) return;
    const length = to - from;
    for (let k = from; k < to; k++) {
      if (chunk[k] === BACKSLASH) {
        // An escaped key may spell the action key: only a parse can tell.
        this.#uncertain = true;
        return;
      }
    }
    if (same(watch.action, chunk, from, length)) {
      this.#actionCount += 1;
      j += 1;
      while (j < n && (chunk[j] === 0x20 || chunk[j] === 0x0a || chunk[j] === 0x0d || chunk[j] === 0x09)) j += 1;
      if (j < n && chunk[j] === QUOTE) this.#pendingAction = true;
      else this.#uncertain = true;
      return;
    }
    if (watch.service !== undefined && same(watch.service, chunk, from, length)) {
      this.#serviceCount += 1;
      j += 1;
      while (j < n && (chunk[j] === 0x20 || chunk[j] === 0x0a || chunk[j] === 0x0d || chunk[j] === 0x09)) j += 1;
      if (j < n && chunk[j] === QUOTE) this.#pendingService = true;
    }
    const envelope = watch.envelope;
    for (let e = 0; e < envelope.length; e++) {
      const key = envelope[e] as Buffer;
      if (same(key, chunk, from, length)) this.#envelopeSeen |= 1 << e;
    }
  }

  #begin(scalar: boolean, at: number): void {
    this.#action = undefined;
    this.#actionCount = 0;
    this.#envelopeSeen = 0;
    this.#uncertain = false;
    this.#pendingAction = false;
    this.#pendingService = false;
    this.#service = undefined;
    this.#serviceCount = 0;
    this.#inElement = true;
    this.#scalar = scalar;
    this.#elementOffset = this.#offset + at;
  }

  #keep(chunk: Buffer, from: number): void {
    const size = chunk.length - from;
    if (size === 0) return;
    this.#partsBytes += size;
    if (this.#oversize) return;
    if (this.#partsBytes > this.#maxRecord) {
      // Drop what was kept: the record is only measured from here on.
      this.#oversize = true;
      this.#parts = [];
      return;
    }
    this.#parts.push(chunk.subarray(from));
  }

  #keepRest(bytes: Buffer): void {
    if (bytes.length === 0 || this.#rest === undefined) return;
    if (this.#restBytes + bytes.length > this.#maxRest) this.restOverflow = true;
    if (this.#restBytes < this.#maxRest) this.#rest.push(bytes.subarray(0, this.#maxRest - this.#restBytes));
    this.#restBytes += bytes.length;
  }

  #finishScalar(): void {
    if (this.#inElement && this.#scalar) {
      this.#inElement = false;
      this.#scalar = false;
      this.#onElement({ kind: 'other', index: this.#index, offset: this.#elementOffset });
      this.#index += 1;
    }
  }

  /** A record ends at `to`; `certain`: its action was read for sure, `serviceOnce`: its service key appeared once. */
  #emit(chunk: Buffer, from: number, to: number, certain: boolean, serviceOnce: boolean): void {
    const size = this.#partsBytes + (to - from);
    const parts = this.#parts;
    const oversize = this.#oversize || size > this.#maxRecord;
    this.#parts = [];
    this.#partsBytes = 0;
    this.#oversize = false;
    this.#inElement = false;
    const index = this.#index;
    const offset = this.#elementOffset;
    this.#index += 1;
    const action = certain ? this.#action : undefined;
    const service = action !== undefined && serviceOnce ? this.#service : undefined;
    if (this.#scalar) {
      this.#scalar = false;
      this.#onElement({ kind: 'other', index, offset });
    } else if (oversize) {
      // Reported even when no rule reads its action: a record too large to hold is never passed over silently.
      this.#onElement({ kind: 'oversize', index, offset, size });
    } else if (action !== undefined && parts.length === 0 && this.#clean && (this.#skip as SkipRecord)(action, service, chunk, from, to)) {
      (this.#onSkip as () => void)();
    } else {
      const last = chunk.subarray(from, to);
      const whole = parts.length === 0;
      const bytes = whole ? last : Buffer.concat([...parts, last], size);
      this.#onElement({ kind: 'object', bytes, index, offset, action, service, utf8: whole && this.#clean });
    }
  }
}

/**
 * True when the chunk is valid UTF-8 once a character cut at either edge is
 * set aside (those bytes belong to records spanning chunks, checked whole).
 */
function cleanUtf8(chunk: Buffer): boolean {
  const n = chunk.length;
  let lo = 0;
  while (lo < 3 && lo < n && ((chunk[lo] as number) & 0xc0) === 0x80) lo += 1;
  let hi = n;
  let k = n - 1;
  while (k >= 0 && n - 1 - k < 3 && ((chunk[k] as number) & 0xc0) === 0x80) k -= 1;
  if (k >= 0) {
    const lead = chunk[k] as number;
    if (lead >= 0xc0) {
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      if (n - k < need) hi = k;
    }
  }
  return lo >= hi || isUtf8(chunk.subarray(lo, hi));
}

/** True when `chunk[from, from + length)` holds exactly the bytes of `key`. */
function same(key: Buffer, chunk: Buffer, from: number, length: number): boolean {
  if (length !== key.length) return false;
  for (let k = 0; k < length; k++) if (key[k] !== chunk[from + k]) return false;
  return true;
}

/** What a record element turned out to be, as text. */
export type Element =
  | { readonly kind: 'object'; readonly text: string; readonly index: number }
  | { readonly kind: 'other'; readonly index: number };

/**
 * The same splitter fed JavaScript strings (tests and callers holding text):
 * each chunk is encoded to UTF-8 (a surrogate pair cut between chunks is
 * kept whole) and each object's bytes decoded back.
 */
export class ArraySplitter {
  readonly #bytes: ByteSplitter;
  #pending = '';

  constructor(depth: number, onElement: (element: Element) => void) {
    this.#bytes = new ByteSplitter(depth, (e) =>
      onElement(e.kind === 'object' ? { kind: 'object', text: e.bytes.toString('utf8'), index: e.index } : { kind: 'other', index: e.index }),
    );
  }

  /** True once the array's closing `]` was seen. */
  get done(): boolean {
    return this.#bytes.done;
  }

  /** Text after the array's closing `]`, once it was seen. */
  get rest(): string | undefined {
    return this.#bytes.rest?.toString('utf8');
  }

  /** Feed the next chunk of text. */
  push(chunk: string): void {
    let text = this.#pending + chunk;
    this.#pending = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.#pending = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (text) this.#bytes.push(Buffer.from(text, 'utf8'));
  }
}
