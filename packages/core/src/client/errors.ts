import type { ClickatellApi } from '../api.ts';
import { type ApiErrorInfo, getApiError } from '../catalogs/api-errors.ts';
import type { PlatformError } from '../parse-send-response.ts';
import type { Issue } from '../result.ts';
import { KIND } from './error-kind.ts';
import { conditionOfCode, isResendable } from './failure-rules.ts';

/**
 * What went wrong, machine-readable: the platform's section-8 code (a number) for an API rejection or a
 * client-side validation failure that has one; otherwise a short kebab-case name.
 */
export type ClickwaErrorCode =
  | number
  | 'usage'
  | 'invalid-message'
  | 'api-error'
  | 'http-status'
  | 'transport'
  | 'timeout'
  | 'aborted'
  | 'integrity'
  | 'encryption';

/** Options every clickwa error accepts. */
export interface ClickwaErrorOptions {
  readonly cause?: unknown;
  /** Whether sending the same message again later is safe and may succeed. Defaults to false. */
  readonly retryable?: boolean;
}

type Branded = { [KIND]?: string };

/**
 * The base of every error the client throws or puts in a result. `code` says what happened, `description`
 * is the human text, `retryable` whether resending later is safe and may help. `instanceof` works across
 * realms and duplicate copies of the package (the check reads a brand, not the prototype's identity).
 *
 * @example
 * try { createClient({ apiKey: '' }); } catch (e) { if (isClickwaError(e)) console.log(e.code); } // 'usage'
 */
export class ClickwaError extends Error {
  static readonly [KIND]: string = 'ClickwaError';
  readonly code: ClickwaErrorCode;
  readonly description: string;
  readonly retryable: boolean;

  constructor(code: ClickwaErrorCode, description: string, options: ClickwaErrorOptions = {}) {
    super(description, options.cause === undefined ? undefined : { cause: options.cause });
    // `name` on the instance but not enumerable, so JSON and logs show only the fields below.
    Object.defineProperty(this, 'name', {
      value: (new.target as Branded)[KIND],
      configurable: true,
      writable: true,
    });
    this.code = code;
    this.description = description;
    this.retryable = options.retryable ?? false;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // A class of the caller's, without a brand of its own, is checked the ordinary way: its instances only.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of `instanceof`, a subclass too.
    if (!Object.hasOwn(this, KIND)) return Function.prototype[Symbol.hasInstance].call(this, value);
    // biome-ignore lint/complexity/noThisInStatic: as above.
    const wanted = (this as Branded)[KIND];
    let proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : null;
    while (proto !== null) {
      const ctor: unknown = Object.hasOwn(proto, 'constructor') ? proto.constructor : undefined;
      if (typeof ctor === 'function' && Object.hasOwn(ctor, KIND) && (ctor as Branded)[KIND] === wanted)
        return true;
      proto = Object.getPrototypeOf(proto);
    }
    return false;
  }

  /** A plain object for logs and JSON (an Error's own `message` and `stack` are not enumerable). */
  toJSON(): { name: string; code: ClickwaErrorCode; description: string; retryable: boolean } {
    return { name: this.name, code: this.code, description: this.description, retryable: this.retryable };
  }
}

/** A call the client cannot act on: a missing API key or `fetch`, a bad option, an unusable argument. */
export class UsageError extends ClickwaError {
  static override readonly [KIND]: string = 'UsageError';
  constructor(description: string, options: ClickwaErrorOptions = {}) {
    super('usage', description, options);
  }
}

/** A message the client refused before sending it: `issues` says why, `code` is the platform's code if any. */
export class ValidationError extends ClickwaError {
  static override readonly [KIND]: string = 'ValidationError';
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[], options: ClickwaErrorOptions = {}) {
    const errors = issues.filter((i) => i.severity === 'error');
    // The first section-8 code among the errors: an issue without one (a clientMessageId that is not a
    // string) does not hide the 100 of an empty text after it.
    const coded = (errors.length > 0 ? errors : issues).find((i) => i.code !== undefined);
    super(
      coded?.code ?? 'invalid-message',
      errors.map((i) => i.message).join('; ') || 'Invalid message',
      options,
    );
    this.issues = issues;
  }
}

/** A rejection by the platform (spec section 8), with its catalog entry. */
export class ApiError extends ClickwaError {
  static override readonly [KIND]: string = 'ApiError';
  /** The API whose code it is: codes differ between the legacy API and One API. */
  readonly api: ClickatellApi;
  /** The legacy catalog's entry, or undefined for One API or when the platform gave a description without a code. */
  readonly info: ApiErrorInfo | undefined;
  /** The HTTP status of the answer that carried the error. */
  readonly status: number;
  constructor(
    code: number | null,
    description: string,
    status: number,
    { api = 'wa', ...options }: ApiErrorOptions = {},
  ) {
    super(code ?? 'api-error', description, {
      retryable: isResendable(conditionOfCode(code, api)),
      ...options,
    });
    this.api = api;
    this.info = code === null || api !== 'wa' ? undefined : getApiError(code);
    this.status = status;
  }

  /** The right subclass for a platform error: 1 -> InvalidApiKeyError, 7 and 109 -> IpLockdownError. */
  static from(error: PlatformError, status: number, api: ClickatellApi = 'wa'): ApiError {
    if (error.code === 1) return new InvalidApiKeyError(error.description, status, api);
    if (error.code === 7 || (error.code === 109 && api === 'wa'))
      return new IpLockdownError(error.code, error.description, status, api);
    return new ApiError(error.code, error.description, status, { api });
  }
}

/** Options of `ApiError`. */
export interface ApiErrorOptions extends ClickwaErrorOptions {
  /** Default `wa`. */
  readonly api?: ClickatellApi;
}

/** Code 1 (both APIs): the API key is wrong or missing. Every later request would fail the same way. */
export class InvalidApiKeyError extends ApiError {
  static override readonly [KIND]: string = 'InvalidApiKeyError';
  constructor(
    description: string = getApiError(1).description,
    status: number = 202,
    api: ClickatellApi = 'wa',
  ) {
    super(1, description, status, { api });
  }
}

/** Codes 7 (HTTP 401; both APIs) and 109: this IP address may not use the integration (IP lockdown). */
export class IpLockdownError extends ApiError {
  static override readonly [KIND]: string = 'IpLockdownError';
  constructor(
    code: 7 | 109 = 7,
    description: string = getApiError(code).description,
    status: number = 401,
    api: ClickatellApi = 'wa',
  ) {
    super(code, description, status, { api });
  }
}

/**
 * An HTTP answer that is not the platform's verdict: 429, a redirect, a 4xx without a section-8 error, a 2xx or
 * 5xx without a readable send response, or an answer that leaves a message out.
 */
export class HttpError extends ClickwaError {
  static override readonly [KIND]: string = 'HttpError';
  /** The HTTP status; 0 for a redirect whose status the runtime does not say (refused by `fetch`, or opaque). */
  readonly status: number;
  constructor(status: number, description: string, options: ClickwaErrorOptions = {}) {
    super('http-status', description, options);
    this.status = status;
  }
}

/**
 * `fetch` failed. `phase: 'connect'` means the request provably never left (refused, DNS, a TLS handshake, a
 * runtime's permission denial): safe to resend. `'unknown'` means it may have reached the platform.
 */
export class TransportError extends ClickwaError {
  static override readonly [KIND]: string = 'TransportError';
  readonly phase: 'connect' | 'unknown';
  constructor(phase: 'connect' | 'unknown', description: string, options: ClickwaErrorOptions = {}) {
    super('transport', description, { retryable: phase === 'connect', ...options });
    this.phase = phase;
  }
}

/** No complete answer within `timeoutMs`; the request may have been accepted. */
export class TimeoutError extends ClickwaError {
  static override readonly [KIND]: string = 'TimeoutError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, options: ClickwaErrorOptions = {}) {
    super('timeout', `No answer within ${timeoutMs} ms; the messages may have been accepted`, options);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` fired. `cause` is the signal's reason. */
export class AbortError extends ClickwaError {
  static override readonly [KIND]: string = 'AbortError';
  constructor(options: ClickwaErrorOptions = {}) {
    super('aborted', 'Sending was aborted by the caller', options);
  }
}

/**
 * Whether `value` is a clickwa error, from any copy of the package or any realm.
 *
 * @example if (isClickwaError(result.error) && result.error.retryable) queueForLater(result);
 */
export function isClickwaError(value: unknown): value is ClickwaError {
  return ClickwaError[Symbol.hasInstance](value);
}
