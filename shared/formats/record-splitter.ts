/**
 * Splits the records array of an audit-log document into the JSON text of
 * each record, fed in chunks, without holding the whole document: the
 * elements of `[…]` (Yandex) or of `{"Records":[…]}` (CloudTrail). Only the
 * string and nesting state is tracked, jumping from quote to quote inside
 * strings; each record's text is handed over whole, so the caller can look at
 * its action cheaply and parse only what a rule needs.
 *
 * Peak memory is one chunk plus the largest record, not the document.
 */

/** What a record element turned out to be. */
export type Element =
  | { readonly kind: 'object'; readonly text: string; readonly index: number }
  | { readonly kind: 'other'; readonly index: number };

/**
 * A push-based splitter. `depth` is the nesting depth of the array's
 * elements: 1 when the document is the array, 2 inside `{"Records":[`.
 * Feed it the text after the array's `[`.
 */
export class ArraySplitter {
  readonly #onElement: (element: Element) => void;
  readonly #base: number;
  #depth: number;
  #inString = false;
  #escaped = false;
  #inElement = false;
  #scalar = false;
  #carry = '';
  #index = 0;
  /** Text after the array's closing `]`, once it was seen. */
  rest: string | undefined;

  constructor(depth: number, onElement: (element: Element) => void) {
    this.#base = depth - 1;
    this.#depth = depth;
    this.#onElement = onElement;
  }

  /** True once the array's closing `]` was seen. */
  get done(): boolean {
    return this.rest !== undefined;
  }

  /** Feed the next chunk of text. */
  push(chunk: string): void {
    if (this.rest !== undefined) {
      this.rest += chunk;
      return;
    }
    let start = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      if (this.#inString) {
        if (this.#escaped) {
          this.#escaped = false;
          continue;
        }
        // Jump to the next quote; a backslash before it (looked for only up
        // to the quote, so the cost follows the string's length) escapes.
        const q = chunk.indexOf('"', i);
        const end = q === -1 ? n : q;
        let b = i;
        while (b < end && chunk.charCodeAt(b) !== 0x5c) b++;
        if (b < end) {
          i = b;
          this.#escaped = true;
        } else if (q === -1) {
          i = n;
        } else {
          i = q;
          this.#inString = false;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 0x22) {
        this.#inString = true;
        if (!this.#inElement && this.#depth === this.#base + 1) {
          // A string where a record should be.
          this.#inElement = true;
          this.#scalar = true;
        }
      } else if (c === 0x7b || c === 0x5b) {
        if (!this.#inElement && this.#depth === this.#base + 1) {
          this.#inElement = true;
          this.#scalar = c !== 0x7b;
          start = i;
        }
        this.#depth += 1;
      } else if (c === 0x7d || c === 0x5d) {
        this.#depth -= 1;
        if (this.#depth === this.#base) {
          // The array itself closed.
          this.#finishScalar();
          this.rest = chunk.slice(i + 1);
          return;
        }
        if (this.#inElement && this.#depth === this.#base + 1) {
          this.#emit(this.#carry + chunk.slice(start, i + 1));
          start = i + 1;
        }
      } else if (c === 0x2c && this.#depth === this.#base + 1) {
        this.#finishScalar();
      } else if (!this.#inElement && this.#depth === this.#base + 1 && c > 0x20) {
        // A number, true, false or null where a record should be.
        this.#inElement = true;
        this.#scalar = true;
      }
    }
    if (this.#inElement && !this.#scalar) this.#carry += chunk.slice(start);
  }

  #finishScalar(): void {
    if (this.#inElement && this.#scalar) {
      this.#inElement = false;
      this.#scalar = false;
      this.#onElement({ kind: 'other', index: this.#index });
      this.#index += 1;
    }
  }

  #emit(text: string): void {
    this.#carry = '';
    this.#inElement = false;
    if (this.#scalar) {
      this.#scalar = false;
      this.#onElement({ kind: 'other', index: this.#index });
    } else {
      this.#onElement({ kind: 'object', text, index: this.#index });
    }
    this.#index += 1;
  }
}
