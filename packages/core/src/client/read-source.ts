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

// A source that fails to close has nothing left to give: its results are settled either way.
function closeQuietly(close: () => unknown): void {
  try {
    Promise.resolve(close()).catch(noop);
  } catch {}
}

/**
 * Opens an iterable or async iterable. A sync source is read without a promise per item (arrays of a
 * million messages stay cheap). A wait on an async one ends early when `signal` aborts, so an endless source
 * (a queue) cannot keep a send from ending, or when the engine has something to do first (`wake()`).
 */
export function readSource(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  signal?: AbortSignal,
): SourceReader {
  let ended = false;
  const asyncIterable = source as AsyncIterable<unknown>;
  if (typeof asyncIterable[Symbol.asyncIterator] !== 'function') {
    const iterator = (source as Iterable<unknown>)[Symbol.iterator]();
    return {
      next() {
        ended = true; // until the step says otherwise: an iterator that throws has ended
        const step = iterator.next();
        // As `for...of` would: a step that is not an object is a broken iterator, not an endless run of items.
        if (!isObject(step)) throw new TypeError('The message source gave a step that is not an object');
        ended = step.done === true;
        return step;
      },
      wake() {},
      close: () => ended || closeQuietly(() => iterator.return?.()),
      waits: false,
      late: () => undefined,
    };
  }
  const iterator = asyncIterable[Symbol.asyncIterator]();
  // The wait in progress (how to end it), and its step: kept unread when a wake cuts the wait short.
  let resolveWait: ((step: IteratorResult<unknown> | typeof WOKE | undefined) => void) | undefined;
  let rejectWait: ((error: unknown) => void) | undefined;
  let step: Promise<IteratorResult<unknown>> | undefined;
  let held = false;
  const end = (value: IteratorResult<unknown> | typeof WOKE | undefined) => {
    const resolve = resolveWait;
    resolveWait = rejectWait = undefined;
    resolve?.(value);
  };
  // Shared by every wait, so a step costs one promise and one reaction, not a race and fresh closures. Measured
  // on Node 20 with an async generator of 100,000 messages: 3 % slower than awaiting each step as it is, and
  // 8 % faster than a listener on the signal per step. A held step's earlier reaction may fire into the wait
  // that takes it up again: the same step, so no harm.
  const executor = (
    resolve: (step: IteratorResult<unknown> | typeof WOKE | undefined) => void,
    reject: (error: unknown) => void,
  ) => {
    resolveWait = resolve;
    rejectWait = reject;
  };
  const onStep = (value: IteratorResult<unknown>) => {
    if (!resolveWait) return;
    // What `for await` would throw for too: a step must be an object.
    if (!isObject(value))
      return onError(new TypeError('The message source gave a step that is not an object'));
    ended = value.done === true;
    end(value);
  };
  const onError = (error: unknown) => {
    const reject = rejectWait;
    if (!reject) return;
    resolveWait = rejectWait = undefined;
    ended = true;
    reject(error);
  };
  // The source may still hand over the step an abort stopped waiting for, or one a wake left unread: kept,
  // so it gets a result.
  let late: { value: unknown } | undefined;
  const onAbort = () => {
    if (!resolveWait && !held) return;
    held = false;
    step?.then((value) => {
      if (isObject(value) && !value.done) late = { value: value.value };
    }, noop);
    end(undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    next() {
      if (signal?.aborted) return Promise.resolve(undefined);
      if (!held) {
        ended = true; // until it answers: an iterator that throws has ended
        // Promise.resolve: a hand-written iterator may return a thenable.
        step = Promise.resolve(iterator.next());
        ended = false;
      }
      held = false;
      const wait = new Promise(executor);
      step!.then(onStep, onError);
      return wait;
    },
    wake() {
      if (!resolveWait) return;
      held = true;
      end(WOKE);
    },
    close() {
      signal?.removeEventListener('abort', onAbort);
      // Not awaited: a generator busy in an await would only answer once that await settles.
      if (!ended) closeQuietly(() => iterator.return?.());
    },
    waits: true,
    late: () => late,
  };
}
