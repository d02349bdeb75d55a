import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createMinHeap } from './min-heap.ts';

it('pops in sorted order whatever the pushes', () => {
  fc.assert(
    fc.property(fc.array(fc.integer()), (values) => {
      const heap = createMinHeap<number>((a, b) => a < b);
      for (const v of values) heap.push(v);
      expect(heap.size).toBe(values.length);
      const out: number[] = [];
      while (heap.size > 0) out.push(heap.pop()!);
      expect(out).toEqual([...values].sort((a, b) => a - b));
      expect(heap.pop()).toBeUndefined();
    }),
  );
});
