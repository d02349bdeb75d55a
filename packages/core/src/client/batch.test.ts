import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from '../internal/utf8-byte-length.ts';
import { LIMITS } from '../limits.ts';
import { batchItems, createBatcher } from './batch.ts';
import { requestBody, requestOverheadBytes } from './request-body.ts';

const item = (id: string, bytes: number) => ({ clientMessageId: id, bytes, payload: '' });

describe('requestBody', () => {
  const texts = ['{"to":"1","content":"é"}', '{"to":"2","content":"😀"}', '{"to":"3"}'];
  const serialized = texts.map((json) => ({ payload: json, bytes: utf8ByteLength(json) }));
  const flat = texts.map((json) => ({ payload: JSON.parse(json) as object, bytes: utf8ByteLength(json) }));

  it('has exactly the size the batcher counts', () => {
    for (const key of [undefined, 'AQIDAHh6Ji8/+=']) {
      const body = requestBody(serialized, key);
      const messages = texts.map((json) => JSON.parse(json));
      expect(JSON.parse(body)).toEqual(key ? { messages, encryptionKey: key } : { messages });
      const counted =
        requestOverheadBytes(key) + serialized.reduce((n, m) => n + m.bytes, 0) + serialized.length - 1;
      expect(new TextEncoder().encode(body).length).toBe(counted);
    }
    expect(requestBody([])).toBe('{"messages":[]}');
    expect(requestBody([], 'k')).toBe('{"messages":[],"encryptionKey":"k"}');
  });

  it('writes the same body for messages kept as objects, serialized, or both', () => {
    const mixed = [flat[0]!, serialized[1]!, flat[2]!];
    for (const key of [undefined, 'AQIDAHh6Ji8/+=']) {
      const body = requestBody(serialized, key);
      expect(requestBody(flat, key)).toBe(body);
      expect(requestBody(mixed, key)).toBe(body);
    }
  });
});

describe('createBatcher', () => {
  it('closes a batch at the message limit', () => {
    const batches = [...batchItems(Array.from({ length: 450 }, (_, i) => item(String(i), 10)))];
    expect(batches.map((b) => b.length)).toEqual([200, 200, 50]);
  });

  it('closes a batch before it would exceed the byte limit', () => {
    const overhead = requestOverheadBytes();
    const limits = { maxBytes: overhead + 100 };
    // 49 + 1 comma + 50 = 100: fits exactly; one more byte does not.
    expect([...batchItems([item('a', 49), item('b', 50)], limits)].map((b) => b.length)).toEqual([2]);
    expect([...batchItems([item('a', 50), item('b', 50)], limits)].map((b) => b.length)).toEqual([1, 1]);
    const batcher = createBatcher(limits);
    expect(batcher.fits(100)).toBe(true);
    expect(batcher.fits(101)).toBe(false);
  });

  it('counts the top-level encryptionKey', () => {
    expect(requestOverheadBytes('abcd')).toBe(requestOverheadBytes() + ',"encryptionKey":"abcd"'.length);
    // Two messages that fit one request without the key, and not with it.
    const maxBytes = requestOverheadBytes() + 100;
    const items = [item('a', 49), item('b', 50)];
    expect([...batchItems(items, { maxBytes })].map((b) => b.length)).toEqual([2]);
    expect([...batchItems(items, { maxBytes, encryptionKey: 'kk' })].map((b) => b.length)).toEqual([1, 1]);
  });

  it('never puts two messages with one clientMessageId in the same request', () => {
    const batches = [...batchItems([item('x', 1), item('y', 1), item('x', 1), item('z', 1)])];
    expect(batches.map((b) => b.map((i) => i.clientMessageId))).toEqual([
      ['x', 'y'],
      ['x', 'z'],
    ]);
  });

  it('counts ids that differ only by surrounding whitespace as one', () => {
    const batches = [...batchItems([item('x', 1), item(' x ', 1)])];
    expect(batches.map((b) => b.map((i) => i.clientMessageId))).toEqual([['x'], [' x ']]);
  });

  it("checks only the callers' ids: ids the client drew are not looked up", () => {
    const drawn = { ...item('x', 1), generatedId: true };
    const batches = [...batchItems([drawn, item('y', 1), drawn, item('y', 1)])];
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
          for (const batch of batchItems(items, { encryptionKey })) {
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
