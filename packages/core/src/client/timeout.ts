/** The signal one attempt runs under, and which of its sources fired. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True once the caller's signal has aborted. */
  readonly callerAborted: () => boolean;
  /** True once the per-attempt timeout has fired (and the caller had not aborted first). */
  readonly timedOut: () => boolean;
}

type AnySignal = (signals: AbortSignal[]) => AbortSignal;

// `AbortSignal.any` is missing from older runtimes (Node < 20.3, Safari < 17.4): merge by hand there.
function anySignal(signals: AbortSignal[]): AbortSignal {
  const native = (AbortSignal as unknown as { any?: AnySignal }).any;
  if (typeof native === 'function') return native.call(AbortSignal, signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true, signal: controller.signal });
  }
  return controller.signal;
}

/**
 * A signal for one attempt: the caller's signal merged with `AbortSignal.timeout(timeoutMs)`, which also
 * covers reading the body. A non-finite `timeoutMs` means no timeout. Which source fired is read from the
 * sources themselves, not from the error `fetch` throws, whose name differs between runtimes.
 *
 * @example const { signal, timedOut } = attemptSignal(options.signal, 30_000);
 */
export function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const timeout = Number.isFinite(timeoutMs) ? AbortSignal.timeout(Math.max(0, timeoutMs)) : undefined;
  const sources = [caller, timeout].filter((s): s is AbortSignal => s !== undefined);
  const signal =
    sources.length === 0
      ? new AbortController().signal
      : sources.length === 1
        ? sources[0]!
        : anySignal(sources);
  const callerAborted = () => caller?.aborted === true;
  return { signal, callerAborted, timedOut: () => !callerAborted() && timeout?.aborted === true };
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
