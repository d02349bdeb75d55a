/** The signal one attempt runs under, and which of its sources fired. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True once the caller's signal has aborted. */
  readonly callerAborted: () => boolean;
  /** True once the per-attempt timeout has fired (and the caller had not aborted first). */
  readonly timedOut: () => boolean;
  /**
   * `work`, or a rejection with the signal's reason as soon as it aborts: the timeout and the caller's abort
   * hold even with a `fetch` that does not pass the signal on to the body it streams.
   */
  readonly guard: <T>(work: Promise<T>) => Promise<T>;
  /** Ends the attempt: clears its timer and stops listening to the caller's signal. */
  readonly release: () => void;
}

const noop = () => {};

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
  const { signal } = controller;
  let fired = false;
  // The guard's rejection, while an attempt is guarded. Both sources of the abort are ours, so they reject it
  // themselves: no listener on the signal, which undici holds until a full collection.
  let stop: ((reason: unknown) => void) | undefined;
  const abort = (reason: unknown) => {
    controller.abort(reason);
    stop?.(signal.reason);
  };
  const callerAborted = () => caller?.aborted === true;
  const onAbort = () => abort(caller?.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs <= LONGEST_TIMER_MS
      ? setTimeout(
          () => {
            fired = true;
            abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
          },
          Math.max(0, timeoutMs),
        )
      : undefined;
  let stopped: Promise<never> | undefined;
  return {
    signal,
    callerAborted,
    timedOut: () => fired && !callerAborted(),
    guard: (work) => {
      stopped ??= new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        else stop = reject;
      });
      // Whichever loses the race settles unobserved: its rejection is not an unhandled one.
      const settled = Promise.resolve(work);
      settled.catch(noop);
      stopped.catch(noop);
      return Promise.race([settled, stopped]);
    },
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
