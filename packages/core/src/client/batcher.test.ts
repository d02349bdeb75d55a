import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.ts';
import { type BatchItem, createBatcher } from './batcher.ts';
import { requestOverheadBytes } from './request-body.ts';

const item = (id: string, bytes: number, to = '27999000001') => ({ clientMessageId: id, bytes, to });

/** Every batch the batcher closes for `items`, in order, the last one flushed. */
function batchAll<T extends BatchItem>(
  items: T[],
  options: { encryptionKey?: string; distinctTo?: boolean } = {},
): T[][] {
  const batcher = createBatcher<T>(options);
  const batches: T[][] = [];
  for (const i of items) {
    const full = batcher.add(i);
    if (full) batches.push(full);
  }
  const last = batcher.flush();
  return last ? [...batches, last] : batches;
}

describe('createBatcher', () => {
  it('closes a batch at the message limit', () => {
    const batches = batchAll(Array.from({ length: 450 }, (_, i) => item(String(i), 10)));
    expect(batches.map((b) => b.length)).toEqual([200, 200, 50]);
  });

  it('closes a batch before it would exceed the byte limit', () => {
    const room = LIMITS.maxRequestBytes - requestOverheadBytes();
    // room - 51 + 1 comma + 50 = room: fits exactly; one more byte does not.
    expect(batchAll([item('a', room - 51), item('b', 50)]).map((b) => b.length)).toEqual([2]);
    expect(batchAll([item('a', room - 50), item('b', 50)]).map((b) => b.length)).toEqual([1, 1]);
    const batcher = createBatcher();
    expect(batcher.fits(room)).toBe(true);
    expect(batcher.fits(room + 1)).toBe(false);
  });

  it('counts the top-level encryptionKey', () => {
    expect(requestOverheadBytes('abcd')).toBe(requestOverheadBytes() + ',"encryptionKey":"abcd"'.length);
    // Two messages that fit one request without the key, and not with it.
    const items = [item('a', LIMITS.maxRequestBytes - requestOverheadBytes() - 51), item('b', 50)];
    expect(batchAll(items).map((b) => b.length)).toEqual([2]);
    expect(batchAll(items, { encryptionKey: 'kk' }).map((b) => b.length)).toEqual([1, 1]);
  });

  it('never puts two messages with one clientMessageId in the same request', () => {
    const batches = batchAll([item('x', 1), item('y', 1), item('x', 1), item('z', 1)]);
    expect(batches.map((b) => b.map((i) => i.clientMessageId))).toEqual([
      ['x', 'y'],
      ['x', 'z'],
    ]);
  });

  it('counts ids that differ only by surrounding whitespace as one', () => {
    const batches = batchAll([item('x', 1), item(' x ', 1)]);
    expect(batches.map((b) => b.map((i) => i.clientMessageId))).toEqual([['x'], [' x ']]);
  });

  it('with distinctTo, never puts one destination twice in a request (One API pairs answers by number)', () => {
    const items = [item('a', 1, '1'), item('b', 1, '2'), item('c', 1, '1'), item('d', 1, '3')];
    const ids = (batches: BatchItem[][]) => batches.map((b) => b.map((i) => i.clientMessageId));
    expect(ids(batchAll(items))).toEqual([['a', 'b', 'c', 'd']]);
    expect(ids(batchAll(items, { distinctTo: true }))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it("checks only the callers' ids: ids the client drew are not looked up", () => {
    const drawn = { ...item('x', 1), generatedId: true };
    const batches = batchAll([drawn, item('y', 1), drawn, item('y', 1)]);
    expect(batches.map((b) => b.map((i) => i.clientMessageId))).toEqual([['x', 'y', 'x'], ['y']]);
  });

  it('property: limits hold and every item lands in exactly one batch, in order', () => {
    let fullByBytes = 0;
    const sizes = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 20, max: 2_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 1_400_000 }) },
    );
    fc.assert(
      fc.property(
        fc.array(sizes, { maxLength: 2_000, size: 'max' }),
        fc.option(fc.string({ minLength: 1, maxLength: 300 })),
        (list, key) => {
          const items = list.map((bytes, i) => item(String(i), bytes));
          const encryptionKey = key ?? undefined;
          const overhead = requestOverheadBytes(encryptionKey);
          const flat: string[] = [];
          for (const batch of batchAll(items, { encryptionKey })) {
            expect(batch.length).toBeGreaterThan(0);
            expect(batch.length).toBeLessThanOrEqual(LIMITS.maxMessagesPerRequest);
            const bytes = overhead + batch.reduce((n, i) => n + i.bytes, 0) + batch.length - 1;
            expect(bytes).toBeLessThanOrEqual(LIMITS.maxRequestBytes);
            if (bytes > LIMITS.maxRequestBytes - 1_400_001) fullByBytes++;
            flat.push(...batch.map((i) => i.clientMessageId));
          }
          expect(flat).toEqual(items.map((i) => i.clientMessageId));
        },
      ),
      { numRuns: 200 },
    );
    // The generator does reach the byte limit, not only the message limit.
    expect(fullByBytes).toBeGreaterThan(0);
  });
});
