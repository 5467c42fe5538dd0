/**
 * The WebAssembly structural scanner behind {@link ByteSplitter}: one module
 * instance per process, shared by every splitter (each keeps its own state
 * and hands it over around a call, so interleaved streams do not mix). The
 * module's source is `wasm/structural-scan.as.ts`; its layout constants are
 * mirrored here. `undefined` where WebAssembly SIMD is not available (the
 * splitter then runs its JavaScript engine, which gives the same results).
 */
import { STRUCTURAL_SCAN_WASM } from './structural-scan-module.js';

/** State slots shared with the module (i32 indexes). */
export const SLOT = {
  depth: 0,
  inString: 1,
  escaped: 2,
  inElement: 3,
  scalar: 4,
  stringStart: 14,
  base: 15,
  watching: 16,
  envelopeCount: 17,
  actionKeyLength: 18,
  serviceKeyLength: 19,
  envelopeKeyLength: 20,
  events: 26,
} as const;
/** State slots per splitter. */
export const STATE_SLOTS = 32;

/** Event types the module writes, as (type, a, b, c) quadruples. */
export const EVENT = {
  beginObject: 1,
  beginOther: 2,
  finishScalar: 3,
  /** a: the closing byte; b: bit 0 the action was read for sure, bit 1 the service key appeared once. */
  end: 4,
  /** a, b: the action's text in the chunk; c: its intern id (see {@link StructuralScanner.text}). */
  action: 5,
  /** a, b: the service's text in the chunk; c: its intern id. */
  service: 6,
  /** a: the array's closing `]`. */
  close: 7,
} as const;

const KEYS_AT = 128;
const KEY_BYTES = 64;
/** Envelope keys the module can hold. */
export const MAX_ENVELOPE_KEYS = 6;
/** Longest key the module can hold. */
export const MAX_KEY_BYTES = KEY_BYTES;
const EVENTS_AT = 1024;
/** i32 words per event. */
export const EVENT_WORDS = 4;
const PAGE = 65536;
/** Bytes read past the input by the 16-byte loads. */
const PADDING = 16;

/** The part of the WebAssembly API used here (the project's `lib` does not declare it). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

interface ScanExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  scan(from: number, n: number): number;
  inputAt(): number;
}

/** The watched keys as the module holds them: action, service, envelope. */
export interface ScannerKeys {
  readonly action: Uint8Array;
  readonly service?: Uint8Array;
  readonly envelope: readonly Uint8Array[];
}

/** The module, with views of its memory and what it holds now. */
export class StructuralScanner {
  readonly #exports: ScanExports;
  readonly #inputAt: number;
  #bytes: Uint8Array;
  #words: Int32Array;
  #input: Uint8Array | undefined;
  #keys: ScannerKeys | undefined;
  /** Interned texts by id (the module keeps their bytes). */
  readonly #texts: string[] = [];

  constructor(exports: ScanExports) {
    this.#exports = exports;
    this.#inputAt = exports.inputAt();
    this.#bytes = new Uint8Array(exports.memory.buffer);
    this.#words = new Int32Array(exports.memory.buffer);
  }

  /**
   * Copy `chunk` into the module with `keys` watched; with `again`, only when
   * another splitter loaded its own since (a scan resumed within one push).
   */
  load(chunk: Uint8Array, keys: ScannerKeys | undefined, again = false): void {
    if (!again || this.#input !== chunk) {
      const need = this.#inputAt + chunk.length + PADDING;
      const memory = this.#exports.memory;
      if (memory.buffer.byteLength < need) {
        memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
        this.#bytes = new Uint8Array(memory.buffer);
        this.#words = new Int32Array(memory.buffer);
      }
      this.#bytes.set(chunk, this.#inputAt);
      this.#input = chunk;
    }
    if (keys !== undefined && this.#keys !== keys) {
      const all = [keys.action, keys.service ?? new Uint8Array(0), ...keys.envelope];
      for (const [k, key] of all.entries()) this.#bytes.set(key, KEYS_AT + k * KEY_BYTES);
      this.#keys = keys;
    }
  }

  /** Scan the loaded chunk from `from` with `state`; returns where it stopped (the events are in {@link events}). */
  scan(state: Int32Array, from: number, n: number): number {
    const words = this.#words;
    words.set(state, 0);
    const stop = this.#exports.scan(from, n);
    state.set(words.subarray(0, STATE_SLOTS));
    return stop;
  }

  /** The events of the last scan: `count` quadruples. */
  events(count: number): Int32Array {
    return this.#words.subarray(EVENTS_AT / 4, EVENTS_AT / 4 + count * EVENT_WORDS);
  }

  /** The text of `chunk[from, to)`, decoded once per intern `id` (-1: not interned). */
  text(chunk: Buffer, from: number, to: number, id: number): string {
    if (id < 0) return chunk.toString('utf8', from, to);
    let text = this.#texts[id];
    if (text === undefined) {
      text = chunk.toString('utf8', from, to);
      this.#texts[id] = text;
    }
    return text;
  }
}

let shared: StructuralScanner | null | undefined;

/** The process's scanner, or `undefined` when this runtime cannot run it. */
export function structuralScanner(): StructuralScanner | undefined {
  if (shared === undefined) {
    try {
      const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
      if (wasm === undefined) throw new Error('no WebAssembly');
      const module = new wasm.Module(Buffer.from(STRUCTURAL_SCAN_WASM, 'base64'));
      shared = new StructuralScanner(new wasm.Instance(module, {}).exports as ScanExports);
    } catch {
      shared = null;
    }
  }
  return shared ?? undefined;
}
