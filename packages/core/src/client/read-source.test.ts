import { describe, expect, it } from 'vitest';
import { readSource, WOKE } from './read-source.ts';

// An async source whose items the test hands over one at a time, and that says whether it was closed.
function gatedSource() {
  const gates: (() => void)[] = [];
  let closed = false;
  async function* source() {
    try {
      for (let i = 0; ; i++) {
        await new Promise<void>((resolve) => gates.push(resolve));
        yield i;
      }
    } finally {
      closed = true;
    }
  }
  const release = async () => {
    while (gates.length === 0) await new Promise((r) => setTimeout(r, 1));
    gates.shift()!();
  };
  return { source: source(), release, closed: () => closed };
}

describe('readSource', () => {
  it('reads a sync source without promises, and closes it only if it has not ended', () => {
    let returned = 0;
    const items = {
      *[Symbol.iterator]() {
        try {
          yield 1;
          yield 2;
        } finally {
          returned++;
        }
      },
    };
    const early = readSource(items);
    expect(early.waits).toBe(false);
    expect(early.next()).toEqual({ done: false, value: 1 });
    early.close();
    expect(returned).toBe(1);
    const full = readSource([1]);
    expect(full.next()).toEqual({ done: false, value: 1 });
    expect(full.next()).toEqual({ done: true, value: undefined });
    full.close(); // nothing to close: an array iterator has no return(), and it ended
  });

  it('wake() cuts a wait short, and the step it waited for is the next one read', async () => {
    const { source, release } = gatedSource();
    const reader = readSource(source);
    const first = reader.next();
    reader.wake();
    expect(await first).toBe(WOKE);
    const second = reader.next();
    await release();
    expect(await second).toEqual({ done: false, value: 0 });
    reader.wake(); // no wait in progress: nothing happens
    const third = reader.next();
    await release();
    expect(await third).toEqual({ done: false, value: 1 });
    reader.close();
  });

  it('ends a wait with undefined when the signal aborts, and closes the source', async () => {
    const { source, closed, release } = gatedSource();
    const controller = new AbortController();
    const reader = readSource(source, controller.signal);
    const waiting = reader.next();
    controller.abort();
    expect(await waiting).toBeUndefined();
    expect(await reader.next()).toBeUndefined();
    reader.close();
    expect(reader.late()).toBeUndefined();
    await release(); // the generator hands over the item it was waiting for, then its return runs
    await new Promise((r) => setTimeout(r, 5));
    expect(closed()).toBe(true);
    expect(reader.late()).toEqual({ value: 0 });
  });

  it('passes the source failure on, and does not close a source that threw', async () => {
    let returnCalls = 0;
    const failing: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new Error('queue down')),
        return: () => {
          returnCalls++;
          return Promise.resolve({ done: true, value: undefined });
        },
      }),
    };
    const reader = readSource(failing);
    await expect(reader.next()).rejects.toThrow('queue down');
    reader.close();
    expect(returnCalls).toBe(0);
  });

  it('stops watching the signal once closed', async () => {
    const controller = new AbortController();
    let listeners = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof signal.removeEventListener;
    const reader = readSource((async function* () {})(), signal);
    expect(await reader.next()).toEqual({ done: true, value: undefined });
    expect(listeners).toBe(1);
    reader.close();
    expect(listeners).toBe(0);
  });

  it('keeps the item of a step a wake left unread when the signal aborts before it is read again', async () => {
    const { source, release } = gatedSource();
    const controller = new AbortController();
    const reader = readSource(source, controller.signal);
    const first = reader.next();
    reader.wake();
    expect(await first).toBe(WOKE);
    controller.abort();
    expect(await reader.next()).toBeUndefined();
    await release();
    await new Promise((r) => setTimeout(r, 5));
    expect(reader.late()).toEqual({ value: 0 });
    reader.close();
  });

  it('fails a step that is not an object, as for await would, instead of waiting forever', async () => {
    const odd: AsyncIterable<unknown> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(undefined as never) }),
    };
    await expect(readSource(odd).next()).rejects.toThrow('not an object');
  });

  it('does not close an async source whose next() threw', () => {
    let returnCalls = 0;
    const broken: AsyncIterable<unknown> = {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          throw new Error('sync boom');
        },
        return: () => {
          returnCalls++;
          return Promise.resolve({ done: true, value: undefined });
        },
      }),
    };
    const reader = readSource(broken);
    expect(() => reader.next()).toThrow('sync boom');
    reader.close();
    expect(returnCalls).toBe(0);
  });
});

describe('readSource: a source that ends after an abort', () => {
  it('leaves no late item: the step that came was the end, not a message', async () => {
    const controller = new AbortController();
    let settle!: (step: IteratorResult<unknown>) => void;
    const source = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<unknown>>((resolve) => (settle = resolve)),
        return: async () => ({ done: true as const, value: undefined }),
      }),
    };
    const reader = readSource(source, controller.signal);
    const step = reader.next();
    controller.abort();
    expect(await step).toBeUndefined();
    settle({ done: true, value: undefined });
    await new Promise((r) => setTimeout(r, 0));
    expect(reader.late()).toBeUndefined();
  });
});
