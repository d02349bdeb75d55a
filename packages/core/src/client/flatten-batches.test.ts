import { describe, expect, it } from 'vitest';
import { flattenBatches } from './flatten-batches.ts';

async function* batches(list: number[][], log: string[] = [], failAfter?: number) {
  try {
    for (const [i, batch] of list.entries()) {
      if (i === failAfter) throw new Error('source failed');
      await null;
      yield batch;
    }
  } finally {
    log.push('closed');
  }
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

describe('flattenBatches', () => {
  it('yields every item in order, across empty batches', async () => {
    const log: string[] = [];
    expect(await collect(flattenBatches(() => batches([[1, 2], [], [3], [4, 5, 6]], log)))).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(log).toEqual(['closed']);
  });

  it('opens the source on the first next(), and a throw there rejects that call', async () => {
    let opened = 0;
    const it = flattenBatches<number>(() => {
      opened++;
      throw new TypeError('bad argument');
    });
    expect(opened).toBe(0);
    await expect(it.next()).rejects.toThrow('bad argument');
    expect(opened).toBe(1);
    await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('answers calls made before earlier ones settled, in order', async () => {
    const it = flattenBatches(() => batches([[1], [2, 3], [4]]));
    const steps = await Promise.all([it.next(), it.next(), it.next(), it.next(), it.next()]);
    expect(steps).toEqual([
      { done: false, value: 1 },
      { done: false, value: 2 },
      { done: false, value: 3 },
      { done: false, value: 4 },
      { done: true, value: undefined },
    ]);
  });

  it('delivers the items read before the source failed, then its error, then nothing', async () => {
    const log: string[] = [];
    const it = flattenBatches(() => batches([[1, 2], [3]], log, 1));
    await expect(it.next()).resolves.toEqual({ done: false, value: 1 });
    await expect(it.next()).resolves.toEqual({ done: false, value: 2 });
    await expect(it.next()).rejects.toThrow('source failed');
    await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
    expect(log).toEqual(['closed']);
  });

  it('closes the source on return(), as breaking out of for await does', async () => {
    const log: string[] = [];
    const it = flattenBatches(() => batches([[1, 2], [3]], log));
    for await (const item of it) if (item === 1) break;
    expect(log).toEqual(['closed']);
    await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('closes the source on throw() and rejects with the error', async () => {
    const log: string[] = [];
    const it = flattenBatches(() => batches([[1, 2]], log));
    await it.next();
    await expect(it.throw(new Error('stop'))).rejects.toThrow('stop');
    expect(log).toEqual(['closed']);
    await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('never opens a source that is returned before its first next()', async () => {
    let opened = false;
    const it = flattenBatches(() => {
      opened = true;
      return batches([[1]]);
    });
    await expect(it.return()).resolves.toEqual({ done: true, value: undefined });
    expect(opened).toBe(false);
    expect(it[Symbol.asyncIterator]()).toBe(it);
  });

  it.runIf(typeof Symbol.asyncDispose === 'symbol')(
    'closes the source when disposed, like `await using`',
    async () => {
      const log: string[] = [];
      const it = flattenBatches(() => batches([[1, 2]], log));
      await it.next();
      const dispose = (it as unknown as Record<symbol, () => Promise<void>>)[Symbol.asyncDispose]!;
      await dispose.call(it);
      expect(log).toEqual(['closed']);
      await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
    },
  );
});

describe('flattenBatches: calls that overlap', () => {
  it('answers done to a next() made after return(), as a native async generator does', async () => {
    const it = flattenBatches(async function* () {
      yield [1, 2, 3];
    });
    const first = it.next();
    let later: Promise<IteratorResult<number, void>> | undefined;
    // Registered before return() is called: runs while return() is still queued behind `first`.
    first.then(() => {
      later = it.next();
    });
    const closed = it.return();
    expect(await first).toEqual({ done: false, value: 1 });
    await closed;
    expect(await later).toEqual({ done: true, value: undefined });
  });

  it('answers done to a call queued behind one that rejected', async () => {
    const it = flattenBatches<number>(() => {
      throw new TypeError('bad argument');
    });
    const first = it.next();
    const second = it.next();
    await expect(first).rejects.toThrow('bad argument');
    await expect(second).resolves.toEqual({ done: true, value: undefined });
  });
});
