// AssemblyScript source of the structural scanner behind ByteSplitter
// (record-splitter.ts): the same state machine as its JavaScript engine, with
// string contents skipped 16 bytes at a time (SIMD compare against `"` and
// `\`). Built by `npm run wasm` into structural-scan-module.ts; JavaScript
// copies a chunk to INPUT, calls `scan`, and replays the events it wrote.
//
// Memory (bytes): STATE [0, 128) the scanner state (i32 slots, below),
// KEYS [128, 1024) the watched keys (64 bytes each), EVENTS the events as
// (type, a, b, c) i32 quadruples, INTERN and POOL the table of actions and
// services seen (so JavaScript decodes each distinct one once), INPUT from
// INPUT_AT on (JavaScript grows the memory to fit a chunk plus 16 bytes of
// padding).

// ---- state slots (i32 index into STATE); JavaScript reads and writes them too
const S_DEPTH = 0;
const S_IN_STRING = 1;
const S_ESCAPED = 2;
const S_IN_ELEMENT = 3;
const S_SCALAR = 4;
const S_EXPECT_KEY = 5;
const S_PENDING_ACTION = 6;
const S_PENDING_SERVICE = 7;
const S_ACTION_COUNT = 8;
const S_SERVICE_COUNT = 9;
const S_ENVELOPE_SEEN = 10;
const S_UNCERTAIN = 11;
const S_TOP_LEVEL = 12;
const S_BACKSLASH = 13;
const S_STRING_START = 14;
const S_BASE = 15;
const S_WATCHING = 16;
const S_ENVELOPE_COUNT = 17;
const S_ACTION_KEY_LEN = 18;
const S_SERVICE_KEY_LEN = 19;
const S_ENVELOPE_KEY_LEN = 20; // 6 slots: 20..25
const S_EVENTS = 26;

const KEYS_AT: u32 = 128;
const KEY_BYTES: u32 = 64;
const EVENTS_AT: u32 = 1024;
const EVENT_BYTES: u32 = 16;
/** Events per call; the scan stops early (and is called again) before overflowing. */
const EVENT_LIMIT: i32 = 8188;
const INTERN_AT: u32 = EVENTS_AT + 8192 * EVENT_BYTES;
/** Slots of the intern table (a power of two): hash, length, pool offset, id. */
const INTERN_SLOTS: u32 = 4096;
const POOL_AT: u32 = INTERN_AT + INTERN_SLOTS * 16;
const POOL_BYTES: u32 = 256 * 1024;
/** Longest text interned; longer ones are decoded each time. */
const INTERN_MAX: i32 = 96;
const INPUT_AT: u32 = POOL_AT + POOL_BYTES;

// ---- event types
const E_BEGIN_OBJECT = 1;
const E_BEGIN_OTHER = 2;
const E_FINISH_SCALAR = 3;
const E_END = 4;
const E_ACTION = 5;
const E_SERVICE = 6;
const E_CLOSE = 7;

const QUOTE: u32 = 0x22;
const BACKSLASH: u32 = 0x5c;

// ---- working copies of the state (globals are registers to the engine)
let depth: i32 = 0;
let inString: i32 = 0;
let escaped: i32 = 0;
let inElement: i32 = 0;
let scalar: i32 = 0;
let expectKey: i32 = 0;
let pendingAction: i32 = 0;
let pendingService: i32 = 0;
let actionCount: i32 = 0;
let serviceCount: i32 = 0;
let envelopeSeen: i32 = 0;
let uncertain: i32 = 0;
let topLevel: i32 = 0;
let backslash: i32 = 0;
let stringStart: i32 = 0;
let base: i32 = 0;
let watching: i32 = 0;
let events: i32 = 0;
/** Bytes of POOL used, and the next intern id (process-wide: the table outlives a scan). */
let poolUsed: u32 = 0;
let nextId: i32 = 0;

@inline function slot(k: i32): i32 {
  return load<i32>(<u32>k << 2);
}

@inline function setSlot(k: i32, v: i32): void {
  store<i32>(<u32>k << 2, v);
}

function loadState(): void {
  depth = slot(S_DEPTH);
  inString = slot(S_IN_STRING);
  escaped = slot(S_ESCAPED);
  inElement = slot(S_IN_ELEMENT);
  scalar = slot(S_SCALAR);
  expectKey = slot(S_EXPECT_KEY);
  pendingAction = slot(S_PENDING_ACTION);
  pendingService = slot(S_PENDING_SERVICE);
  actionCount = slot(S_ACTION_COUNT);
  serviceCount = slot(S_SERVICE_COUNT);
  envelopeSeen = slot(S_ENVELOPE_SEEN);
  uncertain = slot(S_UNCERTAIN);
  topLevel = slot(S_TOP_LEVEL);
  backslash = slot(S_BACKSLASH);
  stringStart = slot(S_STRING_START);
  base = slot(S_BASE);
  watching = slot(S_WATCHING);
  events = 0;
}

function saveState(): void {
  setSlot(S_DEPTH, depth);
  setSlot(S_IN_STRING, inString);
  setSlot(S_ESCAPED, escaped);
  setSlot(S_IN_ELEMENT, inElement);
  setSlot(S_SCALAR, scalar);
  setSlot(S_EXPECT_KEY, expectKey);
  setSlot(S_PENDING_ACTION, pendingAction);
  setSlot(S_PENDING_SERVICE, pendingService);
  setSlot(S_ACTION_COUNT, actionCount);
  setSlot(S_SERVICE_COUNT, serviceCount);
  setSlot(S_ENVELOPE_SEEN, envelopeSeen);
  setSlot(S_UNCERTAIN, uncertain);
  setSlot(S_TOP_LEVEL, topLevel);
  setSlot(S_BACKSLASH, backslash);
  setSlot(S_STRING_START, stringStart);
  setSlot(S_EVENTS, events);
}

@inline function emit(type: i32, a: i32, b: i32, c: i32 = 0): void {
  const at = EVENTS_AT + <u32>events * EVENT_BYTES;
  store<i32>(at, type);
  store<i32>(at, a, 4);
  store<i32>(at, b, 8);
  store<i32>(at, c, 12);
  events += 1;
}

/**
 * The intern id of INPUT[from, to): the same bytes always get the same id,
 * new bytes the next one (JavaScript decodes an id once, the first time it
 * sees it); -1 when the text is too long or the table is full.
 */
function intern(from: i32, to: i32): i32 {
  const length = to - from;
  if (length > INTERN_MAX) return -1;
  const p = INPUT_AT + <u32>from;
  // FNV-1a
  let h: u32 = 0x811c9dc5;
  for (let j: u32 = 0; j < <u32>length; j++) h = (h ^ <u32>load<u8>(p + j)) * 0x01000193;
  if (h == 0) h = 1;
  for (let probe: u32 = 0; probe < 16; probe++) {
    const slotAt = INTERN_AT + ((h + probe) & (INTERN_SLOTS - 1)) * 16;
    const seen = load<u32>(slotAt);
    if (seen == 0) {
      if (poolUsed + <u32>length > POOL_BYTES || nextId >= <i32>(INTERN_SLOTS / 2)) return -1;
      memory.copy(POOL_AT + poolUsed, p, <u32>length);
      store<u32>(slotAt, h);
      store<u32>(slotAt, <u32>length, 4);
      store<u32>(slotAt, poolUsed, 8);
      store<i32>(slotAt, nextId, 12);
      poolUsed += <u32>length;
      nextId += 1;
      return nextId - 1;
    }
    if (seen == h && load<u32>(slotAt, 4) == <u32>length && memory.compare(POOL_AT + load<u32>(slotAt, 8), p, <u32>length) == 0) return load<i32>(slotAt, 12);
  }
  return -1;
}

function begin(isScalar: i32, at: i32): void {
  actionCount = 0;
  serviceCount = 0;
  envelopeSeen = 0;
  uncertain = 0;
  pendingAction = 0;
  pendingService = 0;
  inElement = 1;
  scalar = isScalar;
  emit(isScalar ? E_BEGIN_OTHER : E_BEGIN_OBJECT, at, 0);
}

function finishScalar(): void {
  if (inElement && scalar) {
    inElement = 0;
    scalar = 0;
    emit(E_FINISH_SCALAR, 0, 0);
  }
}

/** A value that is not a string at a record's top level: a pending action is unknown. */
function nonStringValue(): void {
  if (pendingAction) {
    pendingAction = 0;
    uncertain = 1;
  }
  pendingService = 0;
}

/** True when INPUT[from, from + length) holds the watched key in slot `key`. */
function sameKey(key: u32, from: i32, length: i32): bool {
  const k = KEYS_AT + key * KEY_BYTES;
  const p = INPUT_AT + <u32>from;
  for (let j: u32 = 0; j < <u32>length; j++) {
    if (load<u8>(k + j) != load<u8>(p + j)) return false;
  }
  return true;
}

/** A complete string at a record's top level (`from` < 0: begun in an earlier chunk). */
function topString(from: i32, to: i32): void {
  if (!expectKey) {
    if (pendingAction) {
      pendingAction = 0;
      if (from < 0 || backslash) uncertain = 1;
      else emit(E_ACTION, from, to, intern(from, to));
    }
    if (pendingService) {
      pendingService = 0;
      if (from >= 0 && !backslash) emit(E_SERVICE, from, to, intern(from, to));
    }
    return;
  }
  if (from < 0 || backslash) {
    uncertain = 1;
    return;
  }
  const length = to - from;
  if (length == slot(S_ACTION_KEY_LEN) && sameKey(0, from, length)) {
    actionCount += 1;
    pendingAction = 1;
    return;
  }
  const serviceLength = slot(S_SERVICE_KEY_LEN);
  if (serviceLength > 0 && length == serviceLength && sameKey(1, from, length)) {
    serviceCount += 1;
    pendingService = 1;
  }
  const envelopes = slot(S_ENVELOPE_COUNT);
  for (let e = 0; e < envelopes; e++) {
    if (length == slot(S_ENVELOPE_KEY_LEN + e) && sameKey(<u32>(2 + e), from, length)) envelopeSeen |= 1 << e;
  }
}

/**
 * The index of the quote closing the string whose content starts at `from`,
 * or -1 when the input ends first (`escaped` then tells whether its last byte
 * escapes the next chunk's first). Sets `backslash` when the string has one.
 */
function stringEnd(from: i32, n: i32): i32 {
  let i = from;
  backslash = 0;
  if (escaped) {
    escaped = 0;
    backslash = 1;
    i += 1;
  }
  const quotes = i8x16.splat(<i8>QUOTE);
  const backslashes = i8x16.splat(<i8>BACKSLASH);
  while (i < n) {
    const v = v128.load(INPUT_AT + <u32>i);
    let mask = i8x16.bitmask(v128.or(i8x16.eq(v, quotes), i8x16.eq(v, backslashes)));
    const left = n - i;
    if (left < 16) mask &= (1 << left) - 1;
    if (mask == 0) {
      i += 16;
      continue;
    }
    i += ctz(mask);
    if (<u32>load<u8>(INPUT_AT + <u32>i) == QUOTE) return i;
    backslash = 1;
    if (i + 1 >= n) {
      escaped = 1;
      return -1;
    }
    i += 2;
  }
  return -1;
}

/**
 * Inside a record's nested values (depth > rec) only strings and brackets
 * matter: walk 16-byte blocks with bit masks (the string mask is the prefix
 * XOR of the quote mask) and look only at brackets outside strings. Starts
 * outside a string; returns where the byte loop resumes — after the bracket
 * that brings the depth back to `rec`, at a block holding a backslash (its
 * escapes are left to the byte loop), or at the last partial block, with
 * `inString` set when that point is inside a string.
 */
function skipNested(from: i32, n: i32, rec: i32): i32 {
  const quotes = i8x16.splat(<i8>QUOTE);
  const backslashes = i8x16.splat(<i8>BACKSLASH);
  const openBrace = i8x16.splat(0x7b);
  const openBracket = i8x16.splat(0x5b);
  const closeBrace = i8x16.splat(0x7d);
  const closeBracket = i8x16.splat(0x5d);
  let i = from;
  let carry: i32 = 0;
  while (i + 16 <= n) {
    const v = v128.load(INPUT_AT + <u32>i);
    if (i8x16.bitmask(i8x16.eq(v, backslashes)) != 0) break;
    let x = i8x16.bitmask(i8x16.eq(v, quotes));
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x = (x ^ carry) & 0xffff;
    const outside = ~x;
    const opens = i8x16.bitmask(v128.or(i8x16.eq(v, openBrace), i8x16.eq(v, openBracket))) & outside;
    const closes = i8x16.bitmask(v128.or(i8x16.eq(v, closeBrace), i8x16.eq(v, closeBracket))) & outside;
    let m = opens | closes;
    while (m != 0) {
      const j = ctz(m);
      if ((opens >> j) & 1) depth += 1;
      else {
        depth -= 1;
        if (depth == rec) {
          inString = 0;
          return i + j + 1;
        }
      }
      m &= m - 1;
    }
    carry = (x >> 15) & 1 ? 0xffff : 0;
    i += 16;
  }
  if (carry) {
    // Inside a nested string: the byte loop finds its end.
    inString = 1;
    topLevel = 0;
    stringStart = 0;
  }
  return i;
}

/**
 * Scan INPUT[from, n): returns where it stopped — `n`, or earlier when the
 * event buffer is nearly full, after the first record while nothing is
 * watched yet (the caller may start watching), or after the array's `]`.
 */
export function scan(from: i32, n: i32): i32 {
  loadState();
  const top = base + 1;
  const rec = top + 1;
  let i = from;
  // The byte loop runs up to here before it tries the block walk again (a block with a backslash).
  let bytesUntil = from;
  while (i < n) {
    if (events >= EVENT_LIMIT) break;
    if (depth > rec && !inString && i >= bytesUntil) {
      const resume = skipNested(i, n, rec);
      if (resume == i) bytesUntil = i + 16;
      i = resume;
      continue;
    }
    if (inString) {
      const q = stringEnd(i, n);
      if (q < 0) {
        // A record's top-level string cut by the chunk: its key is not looked at.
        if (topLevel) uncertain = 1;
        i = n;
        break;
      }
      inString = 0;
      if (topLevel) topString(stringStart < 0 ? -1 : stringStart + 1, q);
      i = q + 1;
      continue;
    }
    const c = <u32>load<u8>(INPUT_AT + <u32>i);
    if (c == QUOTE) {
      if (!inElement && depth == top) begin(1, i);
      topLevel = watching && depth == rec && !scalar ? 1 : 0;
      stringStart = i;
      const q = stringEnd(i + 1, n);
      if (q < 0) {
        inString = 1;
        if (topLevel) uncertain = 1;
        i = n;
        break;
      }
      // Only a key, or the value of a watched key, is looked at.
      if (topLevel && (expectKey || pendingAction || pendingService)) topString(i + 1, q);
      i = q + 1;
      continue;
    } else if (c == 0x3a) {
      if (depth == rec) expectKey = 0;
    } else if (c == 0x2c) {
      if (depth == top) finishScalar();
      else if (depth == rec) expectKey = 1;
    } else if (c == 0x7b || c == 0x5b) {
      if (depth == top) {
        if (!inElement) {
          begin(c != 0x7b ? 1 : 0, i);
          expectKey = 1;
        }
      } else if (depth == rec) nonStringValue();
      depth += 1;
    } else if (c == 0x7d || c == 0x5d) {
      depth -= 1;
      if (depth == base) {
        // The array itself closed.
        finishScalar();
        emit(E_CLOSE, i, 0);
        i += 1;
        break;
      }
      if (depth == top && inElement) {
        const certain = watching && !uncertain && actionCount == 1 && envelopeSeen == (1 << slot(S_ENVELOPE_COUNT)) - 1 ? 1 : 0;
        emit(E_END, i, certain | (serviceCount == 1 ? 2 : 0));
        inElement = 0;
        scalar = 0;
        if (!watching) {
          i += 1;
          break;
        }
      }
    } else if (c > 0x20) {
      // A number, true, false or null (or any other byte).
      if (depth == top) {
        if (!inElement) begin(1, i);
      } else if (depth == rec) nonStringValue();
    }
    i += 1;
  }
  saveState();
  return i;
}

/** Where JavaScript copies the input. */
export function inputAt(): u32 {
  return INPUT_AT;
}
