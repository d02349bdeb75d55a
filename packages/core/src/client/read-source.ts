import { isObject } from '../internal/is-object.ts';

/** What a wait on an async source gives instead of a step when `wake()` cut it short. */
export const WOKE: unique symbol = Symbol('woke');

/** One message source, read one item at a time; see `readSource`. */
export interface SourceReader {
  /**
   * The next step. For an async source, a promise of it, or of undefined once the signal has aborted, or of
   * `WOKE` when `wake()` cut the wait short: the step it was waiting for is then the next one returned.
   */
  next(): IteratorResult<unknown> | Promise<IteratorResult<unknown> | typeof WOKE | undefined>;
  /** Cuts short the wait on an async source in progress, if any. */
  wake(): void;
  /** Stops reading: tells a source that has not ended that no more items will be read (a generator's
   * `finally` runs, a DB cursor closes) and stops watching the signal. */
  close(): void;
  /** Whether reading may have to wait: an async source (a queue may have nothing for a while). */
  readonly waits: boolean;
  /** The item of a step that came after an abort had ended the wait for it, if it has come yet. */
  late(): { readonly value: unknown } | undefined;
}

/** Whether `value` can be read by `readSource`. */
export function isMessageSource(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function' ||
      typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function')
  );
}

const noop = () => {};

// A source that fails to close has nothing left to give: its results are settled either way. Not awaited: a
// generator busy in an await would only answer once that await settles.
function closeQuietly(close: () => unknown): void {
  try {
    Promise.resolve(close()).catch(noop);
  } catch {}
}

// What `for...of` and `for await` refuse too: a step must be an object, or a broken iterator would read as an
// endless run of undefined messages.
function checkStep(step: unknown): IteratorResult<unknown> {
  if (!isObject(step)) throw new TypeError('The message source gave a step that is not an object');
  return step as unknown as IteratorResult<unknown>;
}

/**
 * Opens an iterable or async iterable. A sync source is read without a promise per item. A wait on an async one
 * ends early when `signal` aborts, so an endless source (a queue) cannot keep a send from ending, or when the
 * engine has something to do first (`wake()`); the step it was waiting for is kept for the next read.
 */
export function readSource(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  signal?: AbortSignal,
): SourceReader {
  // Until a step says otherwise: an iterator whose `next()` throws has ended and is not closed.
  let ended = false;
  if (typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') {
    const iterator = (source as Iterable<unknown>)[Symbol.iterator]();
    return {
      next() {
        ended = true;
        const step = checkStep(iterator.next());
        ended = step.done === true;
        return step;
      },
      wake: noop,
      close: () => ended || closeQuietly(() => iterator.return?.()),
      waits: false,
      late: () => undefined,
    };
  }
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  // The step being waited for, kept when a wake cuts the wait short; and how to cut the wait in progress.
  let pending: Promise<IteratorResult<unknown>> | undefined;
  let cut: ((value: typeof WOKE | undefined) => void) | undefined;
  let late: { value: unknown } | undefined;
  const onAbort = () => {
    // The source may still hand over the step the abort stopped waiting for: kept, so it gets a result.
    pending?.then((step) => {
      if (!step.done) late = { value: step.value };
    }, noop);
    cut?.(undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const waitForStep = async (step: Promise<IteratorResult<unknown>>) => {
    const interrupted = new Promise<typeof WOKE | undefined>((resolve) => {
      cut = resolve;
    });
    const settled = await Promise.race([step, interrupted]).finally(() => {
      cut = undefined;
    });
    if (settled === WOKE || settled === undefined) return settled;
    pending = undefined;
    ended = settled.done === true;
    return settled;
  };
  return {
    next() {
      if (signal?.aborted) return Promise.resolve(undefined);
      if (!pending) {
        ended = true;
        // Promise.resolve: a hand-written iterator may return a thenable.
        pending = Promise.resolve(iterator.next()).then(checkStep);
        ended = false;
        pending.catch(() => {
          ended = true;
        });
      }
      return waitForStep(pending);
    },
    wake: () => cut?.(WOKE),
    close() {
      signal?.removeEventListener('abort', onAbort);
      if (!ended) closeQuietly(() => iterator.return?.());
    },
    waits: true,
    late: () => late,
  };
}
