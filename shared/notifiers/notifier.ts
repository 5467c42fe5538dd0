/**
 * The notifier contract: a destination that receives the findings of one
 * batch. Rendering is a pure function in each notifier's file; `send` only
 * does I/O.
 */
import type { Finding } from '../types.js';

/** A destination for alerts (console, Telegram, email). */
export interface Notifier {
  /** Short name for logs: `console`, `telegram`, `email`. */
  readonly name: string;
  /** Deliver the findings of one batch (already filtered: no suppressed ones). */
  send(findings: readonly Finding[]): Promise<void>;
}
