const DONE: IteratorReturnResult<void> = Object.freeze({ done: true, value: undefined });

/**
 * The items of an async generator of arrays, one at a time, as an async generator object that behaves like
 * `async function* () { for await (const batch of open()) yield* batch; }`: `open` runs on the first `next()`
 * (so its errors reject that call), calls made before the last one settled are answered in order, and
 * `return()` or `throw()` closes the source, which runs its `finally` blocks. A call still pending keeps the
 * close waiting, as with a native generator; `interrupt` runs at once, so the source can stop its work early.
 *
 * Written by hand because `sendAll` hands out one result per message: an item already read costs one
 * resolved promise here, against several promise turns for a `yield` in an async generator (measured on
 * Node 20: 0.06 against 0.15 us per item).
 */
export function flattenBatches<T>(
  open: () => AsyncGenerator<readonly T[], void, undefined>,
  interrupt: () => void = () => {},
): AsyncGenerator<T, void, undefined> {
  let source: AsyncGenerator<readonly T[], void, undefined> | undefined;
  let batch: readonly T[] = [];
  let position = 0;
  let finished = false;
  // The pending call, if any: later calls wait for it, so items come out in order.
  let busy: Promise<unknown> | undefined;

  const pull = async (): Promise<IteratorResult<T, void>> => {
    for (;;) {
      if (position < batch.length) return { done: false, value: batch[position++]! };
      if (finished) return DONE;
      try {
        source ??= open();
        const step = await source.next();
        if (step.done) {
          finished = true;
          return DONE;
        }
        batch = step.value;
        position = 0;
      } catch (error) {
        finished = true;
        throw error;
      }
    }
  };
  const close = async (): Promise<void> => {
    finished = true;
    batch = [];
    await source?.return();
  };
  // Runs `step` once every earlier call has settled.
  const queue = <R>(step: () => Promise<R>): Promise<R> => {
    const run = busy ? busy.then(step, step) : step();
    const settled = () => {
      if (busy === run) busy = undefined;
    };
    busy = run;
    run.then(settled, settled);
    return run;
  };

  const iterator: AsyncGenerator<T, void, undefined> = {
    next: () =>
      busy === undefined && position < batch.length
        ? Promise.resolve({ done: false, value: batch[position++]! })
        : queue(pull),
    return: () => {
      interrupt();
      return queue(() => close().then(() => DONE));
    },
    throw: (error: unknown) => {
      interrupt();
      return queue(() =>
        close().then(() => {
          throw error;
        }),
      );
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  // `await using results = client.sendAll(...)` closes the source, as it does for a native async generator
  // where the runtime has explicit resource management.
  const asyncDispose = (Symbol as { asyncDispose?: symbol }).asyncDispose;
  if (asyncDispose) {
    Object.defineProperty(iterator, asyncDispose, {
      value: () => iterator.return().then(() => undefined),
      configurable: true,
      writable: true,
    });
  }
  return iterator;
}
