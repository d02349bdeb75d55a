import type { StatusEvent } from './callback-event.ts';
import { isMessageStatusCode, MESSAGE_STATUSES } from './catalogs/message-statuses.ts';

/** A status as a store keeps it: the code and the callback's timestamp (epoch ms). */
export interface StatusPoint {
  readonly code: number;
  readonly timestamp: number;
}

/**
 * What `isNewerStatus` compares: a stored `{ code, timestamp }`, or a status event as `parseCallback` returns
 * it (`statusCode`, `timestamp`), so either can be passed as it is.
 */
export type StatusLike = StatusPoint | Pick<StatusEvent, 'statusCode' | 'timestamp'>;

/** Rank of codes the catalog does not know: below everything, so they never override a known status. */
const UNKNOWN_RANK = -1;

/**
 * Where a status stands in a message's life: UNKNOWN (1) 0 < QUEUED 1 < DELIVERED_TO_GATEWAY 2 < every
 * failure 3 < RECEIVED_BY_RECIPIENT 4 < READ and EMULATED 5; undocumented codes -1. A recipient who received
 * or read a message proves it was delivered, so no failure report outranks that proof; a failure outranks
 * everything before delivery.
 */
export function statusRank(code: number): number {
  return isMessageStatusCode(code) ? MESSAGE_STATUSES[code].rank : UNKNOWN_RANK;
}

// A parsed status event carries `statusCode`; a value that has both is read by `statusCode`.
const codeOf = (status: StatusLike): number =>
  (status as { statusCode?: number }).statusCode ?? (status as StatusPoint).code;

/**
 * Whether `incoming` should replace `current` as a message's status, given that callbacks arrive out of order,
 * late and sometimes twice. A higher `statusRank` wins and a lower one never does: a late QUEUED never
 * overwrites READ, and a stale failure never undoes proof of delivery. Between equal ranks the later timestamp
 * wins; an exact repeat is not newer. `current` is null or undefined when the message has no status yet.
 *
 * @example
 * isNewerStatus({ code: 27, timestamp: 2400 }, { code: 9, timestamp: 1000 }) // false: READ proves delivery
 * if (event.kind === 'status' && isNewerStatus(current, event)) current = event; // a parsed event as it is
 */
export function isNewerStatus(current: StatusLike | null | undefined, incoming: StatusLike): boolean {
  if (!current) return true;
  const a = statusRank(codeOf(current));
  const b = statusRank(codeOf(incoming));
  if (b !== a) return b > a;
  return incoming.timestamp > current.timestamp;
}
