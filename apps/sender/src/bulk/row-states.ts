/** What the results file says about a row. `pending`: its batch was about to be sent when the run stopped. */
export type RowOutcome = 'pending' | 'accepted' | 'rejected' | 'unknown' | 'not-sent';

const CODES: Readonly<Record<RowOutcome, number>> = {
  pending: 1,
  accepted: 2,
  rejected: 3,
  unknown: 4,
  'not-sent': 5,
};
const OUTCOMES: readonly (RowOutcome | undefined)[] = [
  undefined,
  'pending',
  'accepted',
  'rejected',
  'unknown',
  'not-sent',
];

/** Whether `value` is a row outcome. */
export const isRowOutcome = (value: unknown): value is RowOutcome =>
  typeof value === 'string' && Object.hasOwn(CODES, value);

/**
 * Whether a resumed run sends the row: only when nothing can have reached the platform (never tried, or
 * `not-sent`). A `pending` or `unknown` row may have been accepted and is never sent again; a `rejected` one
 * is reported, not retried; an `accepted` one is done.
 */
export const shouldSend = (outcome: RowOutcome | undefined): boolean =>
  outcome === undefined || outcome === 'not-sent';

/** The last known outcome of every row, by line number; see `createRowStates`. */
export interface RowStates {
  get(line: number): RowOutcome | undefined;
  set(line: number, outcome: RowOutcome): void;
}

/**
 * Row outcomes in one byte per line (a growable `Uint8Array`): a resumed campaign of ten million rows costs
 * 10 MB here, where a `Map` of objects would cost gigabytes.
 */
export function createRowStates(): RowStates {
  let codes = new Uint8Array(1024);
  return {
    get: (line) => OUTCOMES[codes[line] ?? 0],
    set(line, outcome) {
      if (line >= codes.length) {
        const grown = new Uint8Array(Math.max(codes.length * 2, line + 1));
        grown.set(codes);
        codes = grown;
      }
      codes[line] = CODES[outcome];
    },
  };
}
