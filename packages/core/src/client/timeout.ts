/** The signal one attempt runs under, and which of its sources fired. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True once the caller's signal has aborted. */
  readonly callerAborted: () => boolean;
  /** True once the per-attempt timeout has fired (and the caller had not aborted first). */
  readonly timedOut: () => boolean;
  /** Ends the attempt: clears its timer and stops listening to the caller's signal. */
  readonly release: () => void;
}

// Timers hold a signed 32-bit count of ms: a longer delay (about 24.8 days) would fire at once, so it means none.
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * A signal for one attempt: aborted by the caller's signal or after `timeoutMs`, which also covers reading the
 * body. A `timeoutMs` of `Infinity` (or over 2^31 - 1) means no timeout. Which source fired is read from the
 * sources themselves, not from the error `fetch` throws, whose name differs between runtimes.
 *
 * One controller and one timer, both let go by `release()`, rather than `AbortSignal.any` over
 * `AbortSignal.timeout`: that leaves a timer running for `timeoutMs` after every request and ties a dependent
 * signal to the caller's for each attempt of a long `sendAll`.
 *
 * @example const attempt = attemptSignal(options.signal, 30_000); try { ... } finally { attempt.release(); }
 */
export function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let fired = false;
  const callerAborted = () => caller?.aborted === true;
  const onAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs <= LONGEST_TIMER_MS
      ? setTimeout(
          () => {
            fired = true;
            controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
          },
          Math.max(0, timeoutMs),
        )
      : undefined;
  return {
    signal: controller.signal,
    callerAborted,
    timedOut: () => fired && !callerAborted(),
    release: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Waits `ms`, or less if `signal` aborts; resolves true when the full time passed, false when aborted.
 * Never rejects, so a retry wait cannot turn into a thrown error.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
