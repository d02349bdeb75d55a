import { isMessageStatusCode, MESSAGE_STATUSES } from './catalogs/message-statuses.ts';

/** A status as a store keeps it: the code and the callback's timestamp (epoch ms). */
export interface StatusPoint {
  readonly code: number;
  readonly timestamp: number;
}

/** Rank of codes the catalog does not know: below everything, so they never override a known status. */
const UNKNOWN_RANK = -1;

/**
 * Where a status stands in a message's life: QUEUED (1) < DELIVERED_TO_GATEWAY (2) < RECEIVED_BY_RECIPIENT (3)
 * < READ (4) < final outcomes (10: failures and EMULATED). Status 1 (UNKNOWN) ranks 0, undocumented codes -1.
 */
export function statusRank(code: number): number {
  return isMessageStatusCode(code) ? MESSAGE_STATUSES[code].rank : UNKNOWN_RANK;
}

/**
 * Whether `incoming` should replace `current` as a message's status, given that callbacks arrive out of order
 * and sometimes twice. A higher rank wins; a lower rank never does (a late QUEUED never overwrites READ, and
 * a final failure stays); between equal ranks the later timestamp wins; an exact repeat is not newer.
 *
 * @example isNewerStatus({ code: 27, timestamp: 2 }, { code: 2, timestamp: 3 }) // false
 */
export function isNewerStatus(current: StatusPoint | null | undefined, incoming: StatusPoint): boolean {
  if (!current) return true;
  const a = statusRank(current.code);
  const b = statusRank(incoming.code);
  if (b !== a) return b > a;
  return incoming.timestamp > current.timestamp;
}
