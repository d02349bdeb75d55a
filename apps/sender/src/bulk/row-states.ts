/** What the results file says about a row. `pending`: its batch was about to be sent when the run stopped. */
export type RowOutcome = 'pending' | 'accepted' | 'rejected' | 'unknown' | 'not-sent';

/**
 * A row's state: its outcome, with a rejection that is safe to send again (`error.retryable`: a 901 that
 * outlasted its retries) kept apart from a permanent one.
 */
export type RowState = RowOutcome | 'rejected-retryable';

const CODES: Readonly<Record<RowState, number>> = {
  pending: 1,
  accepted: 2,
  rejected: 3,
  unknown: 4,
  'not-sent': 5,
  'rejected-retryable': 6,
};
const STATES: readonly (RowState | undefined)[] = [
  undefined,
  'pending',
  'accepted',
  'rejected',
  'unknown',
  'not-sent',
  'rejected-retryable',
];

/** Whether `value` is a row outcome. */
export const isRowOutcome = (value: unknown): value is RowOutcome =>
  typeof value === 'string' && value !== 'rejected-retryable' && Object.hasOwn(CODES, value);

/** The state of a row from a result: its outcome, and for a rejection whether it may be sent again. */
export const stateOf = (outcome: RowOutcome, retryable: boolean | undefined): RowState =>
  outcome === 'rejected' && retryable === true ? 'rejected-retryable' : outcome;

/** The outcome a state stands for (what the summary counts). */
export const outcomeOf = (state: RowState): RowOutcome =>
  state === 'rejected-retryable' ? 'rejected' : state;

/**
 * Whether a run sends the row: exactly when it is certainly not accepted and may succeed later. That is a
 * row never tried, one `not-sent`, or one `rejected` with `error.retryable` (the client's failure rules). A
 * `pending` or `unknown` row may have been accepted and is never sent again (reconcile settles it); a
 * permanent rejection would be rejected again; an `accepted` one is done.
 */
export const shouldSend = (state: RowState | undefined): boolean =>
  state === undefined || state === 'not-sent' || state === 'rejected-retryable';

/** The last known state of every row, by line number; see `createRowStates`. */
export interface RowStates {
  get(line: number): RowState | undefined;
  set(line: number, state: RowState): void;
}

/**
 * Row states in one byte per line (a growable `Uint8Array`): a resumed campaign of ten million rows costs
 * 10 MB here, where a `Map` of objects would cost gigabytes.
 */
export function createRowStates(): RowStates {
  let codes = new Uint8Array(1024);
  return {
    get: (line) => STATES[codes[line] ?? 0],
    set(line, state) {
      if (line >= codes.length) {
        const grown = new Uint8Array(Math.max(codes.length * 2, line + 1));
        grown.set(codes);
        codes = grown;
      }
      codes[line] = CODES[state];
    },
  };
}
