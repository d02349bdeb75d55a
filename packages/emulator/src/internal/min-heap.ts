/** A binary min-heap: the dispatcher keeps one timer for the earliest callback instead of one per callback. */
export interface MinHeap<T> {
  readonly size: number;
  push(item: T): void;
  peek(): T | undefined;
  pop(): T | undefined;
  clear(): void;
}

/** A heap ordered by `less`. */
export function createMinHeap<T>(less: (a: T, b: T) => boolean): MinHeap<T> {
  let items: T[] = [];
  const swap = (i: number, j: number): void => {
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  };
  return {
    get size() {
      return items.length;
    },
    push(item) {
      items.push(item);
      let i = items.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(items[i]!, items[parent]!)) break;
        swap(i, parent);
        i = parent;
      }
    },
    peek: () => items[0],
    pop() {
      const top = items[0];
      const last = items.pop();
      if (items.length === 0 || last === undefined) return top;
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && less(items[l]!, items[m]!)) m = l;
        if (r < items.length && less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
      return top;
    },
    clear() {
      items = [];
    },
  };
}
