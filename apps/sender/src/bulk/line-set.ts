/** A set of line numbers; see `createLineSet`. */
export interface LineSet {
  has(line: number): boolean;
  add(line: number): void;
  readonly size: number;
}

/** A set of line numbers in one byte per line (a growable `Uint8Array`), for files of millions of rows. */
export function createLineSet(): LineSet {
  let marks = new Uint8Array(1024);
  let size = 0;
  return {
    has: (line) => marks[line] === 1,
    add(line) {
      if (line >= marks.length) {
        const grown = new Uint8Array(Math.max(marks.length * 2, line + 1));
        grown.set(marks);
        marks = grown;
      }
      if (marks[line] !== 1) size++;
      marks[line] = 1;
    },
    get size() {
      return size;
    },
  };
}
