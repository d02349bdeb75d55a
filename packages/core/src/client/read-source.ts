/** One message source, read one item at a time; see `readSource`. */
export interface SourceReader {
  /** The next step; for an async source, undefined when the signal aborted before it came. */
  next(): IteratorResult<unknown> | Promise<IteratorResult<unknown> | undefined>;
  /** Tells the source no more items will be read (closes a generator, a DB cursor...). */
  close(): void;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
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

/**
 * Opens an iterable or async iterable. A sync source is read without a promise per item (arrays of a
 * million messages stay cheap); an async one stops waiting when `signal` aborts, so an endless source
 * (a queue) cannot keep a send from ending.
 */
export function readSource(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  signal?: AbortSignal,
): SourceReader {
  const asyncIterable = source as AsyncIterable<unknown>;
  if (typeof asyncIterable[Symbol.asyncIterator] === 'function') {
    const iterator = asyncIterable[Symbol.asyncIterator]();
    return {
      // Promise.resolve: a hand-written iterator may return a thenable; the reader tells steps by `instanceof Promise`.
      next: () =>
        signal ? untilAborted(Promise.resolve(iterator.next()), signal) : Promise.resolve(iterator.next()),
      // Not awaited: a generator busy in an await would only answer once that await settles.
      close: () => void iterator.return?.()?.catch(() => {}),
    };
  }
  const iterator = (source as Iterable<unknown>)[Symbol.iterator]();
  return { next: () => iterator.next(), close: () => void iterator.return?.() };
}
