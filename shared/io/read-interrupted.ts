/**
 * The typed reason a read stopped before the object's end: its share of
 * the invocation was spent, or the server stopped sending. It is transient
 * (the platform retries the object; the ledger keeps the retry from
 * re-alerting), and the records read before it are still evaluated.
 */
import { ObjectReadError } from '../errors.js';

/** A read cut short by a deadline or a stalled server. */
export class ReadInterruptedError extends ObjectReadError {
  /** Bytes received before the read stopped. */
  readonly bytesRead: number;
  constructor(bucket: string, key: string, reason: string, bytesRead: number, options?: ErrorOptions) {
    super(bucket, key, `${reason} after ${bytesRead} bytes; the records read so far were evaluated, the object will be retried`, true, options);
    this.name = 'ReadInterruptedError';
    this.bytesRead = bytesRead;
  }
}
