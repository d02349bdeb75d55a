/**
 * Retry defaults: 2 retries (3 attempts), full-jitter backoff from 500 ms doubling up to 8 s, and a
 * `Retry-After` honoured up to 60 s (a longer one is waited for 60 s, then the retry decides).
 */
export const RETRY_DEFAULTS = { maxRetries: 2, baseMs: 500, maxMs: 8_000, maxRetryAfterMs: 60_000 } as const;

/** Options of `backoffDelay`. */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay, in ms. */
  readonly baseMs?: number;
  /** Ceiling of any delay, in ms. */
  readonly maxMs?: number;
  /** A number in [0, 1); defaults to `Math.random`. */
  readonly random?: () => number;
}

/**
 * The delay before retry number `attempt + 1`: "full jitter", a uniform draw in [0, min(maxMs, baseMs * 2^attempt)),
 * so clients that failed together do not retry together.
 *
 * @example backoffDelay(2, { baseMs: 500, maxMs: 8_000, random: () => 0.5 }) // 1000
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = RETRY_DEFAULTS.baseMs, maxMs = RETRY_DEFAULTS.maxMs, random = Math.random } = options;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

const SECONDS = /^\s*\d+\s*$/;
// All three HTTP date forms start with a day name; without this, lenient `Date.parse` reads '1.5' as a date.
const HTTP_DATE = /^\s*[A-Za-z]{3,9},?\s/;

/**
 * The delay a `Retry-After` header asks for, in ms, at most `capMs`: delay-seconds or an HTTP date
 * (RFC 9110 10.2.3). Undefined when the header is missing or unreadable, so the caller falls back to backoff.
 *
 * @example parseRetryAfter('3', Date.now()) // 3000
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number,
  capMs: number = RETRY_DEFAULTS.maxRetryAfterMs,
): number | undefined {
  if (header == null) return undefined;
  let ms: number;
  if (SECONDS.test(header)) ms = Number(header) * 1000;
  else {
    const date = HTTP_DATE.test(header) ? Date.parse(header) : Number.NaN;
    if (Number.isNaN(date)) return undefined;
    ms = Math.max(0, date - now);
  }
  return Math.min(ms, capMs);
}
