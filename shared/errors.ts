/**
 * Typed errors. Each carries its subject (object key, record index, rule id)
 * so a log line or a CLI message names what failed and why. Messages never
 * contain secrets or URLs that hold them: every message is passed through
 * the redactor (`lib/redact.ts`) when built and again when described.
 */
import { redactSecrets } from './lib/redact.js';

/** Base class of every error audit-responder raises on purpose. */
export class AuditResponderError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(redactSecrets(message), options);
    this.name = 'AuditResponderError';
  }
}

/** An object could not be read from storage (network, permissions, size cap). */
export class ObjectReadError extends AuditResponderError {
  readonly bucket: string;
  readonly key: string;
  /** True when a retry may succeed (network, throttling, 5xx). */
  readonly transient: boolean;
  constructor(
    bucket: string,
    key: string,
    reason: string,
    transient: boolean,
    options?: ErrorOptions,
  ) {
    super(`cannot read ${bucket ? `s3://${bucket}/${key}` : key}: ${reason}`, options);
    this.name = 'ObjectReadError';
    this.bucket = bucket;
    this.key = key;
    this.transient = transient;
  }
}

/** An object or one of its records is not a valid audit log. */
export class FormatError extends AuditResponderError {
  readonly key: string;
  /** Record index inside the object, when the error is about one record. */
  readonly index: number | undefined;
  readonly reason: string;
  constructor(
    key: string,
    reason: string,
    index?: number,
    options?: ErrorOptions,
  ) {
    const where = index === undefined ? key : `${key} record #${index}`;
    super(`${where}: ${reason}`, options);
    this.name = 'FormatError';
    this.key = key;
    this.index = index;
    this.reason = reason;
  }
}

/** A rule threw while matching an event. */
export class RuleError extends AuditResponderError {
  readonly ruleId: string;
  readonly eventId: string;
  constructor(ruleId: string, eventId: string, options?: ErrorOptions) {
    const cause = options?.cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`rule ${ruleId} failed on event ${eventId}: ${reason}`, options);
    this.name = 'RuleError';
    this.ruleId = ruleId;
    this.eventId = eventId;
  }
}

/** The configuration is invalid; the message names the bad key. */
export class ConfigError extends AuditResponderError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** A trigger event has a shape we do not understand. */
export class TriggerError extends AuditResponderError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TriggerError';
  }
}

/**
 * A short description of any thrown value, for logs and stderr, with every
 * registered secret redacted in any raw or URL-encoded form. Callers that
 * print it to a terminal neutralise it (`lib/text.ts`).
 */
export function describeError(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}

/** A notifier could not deliver; the message never holds a token or password. */
export class NotifyError extends AuditResponderError {
  readonly notifier: string;
  /** HTTP or SMTP status, when there was one. */
  readonly status: number | undefined;
  /** True when a retry may succeed (rate limit, 5xx, connection refused). */
  readonly transient: boolean;
  constructor(notifier: string, message: string, status: number | undefined, transient: boolean, options?: ErrorOptions) {
    super(`${notifier}: ${message}`, options);
    this.name = 'NotifyError';
    this.notifier = notifier;
    this.status = status;
    this.transient = transient;
  }
}

/**
 * Replace each of `secrets` (and every registered secret) in `text` with
 * `***`, raw or URL-encoded. Kept for the notifiers; see `redactSecrets`.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return redactSecrets(text, secrets);
}
