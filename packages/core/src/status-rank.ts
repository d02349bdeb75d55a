import type { ClickatellApi } from './api.ts';
import type { StatusEvent } from './callback-event.ts';
import { isMessageStatusCode, MESSAGE_STATUSES } from './catalogs/message-statuses.ts';
import { isOneApiStatusCode, ONE_API_STATUSES } from './catalogs/one-api-statuses.ts';

/**
 * A status as a store keeps it: the code, the callback's timestamp (epoch ms) and the API whose catalog the
 * code belongs to (the legacy API when absent).
 */
export interface StatusPoint {
  readonly code: number;
  readonly timestamp: number;
  readonly api?: ClickatellApi;
}

/**
 * What `isNewerStatus` compares: a stored `{ code, timestamp, api? }`, or a status event as `parseCallback` or
 * `parseCallbackBody` returns it (`statusCode`, `timestamp`, `api`), so either can be passed as it is.
 */
export type StatusLike =
  | StatusPoint
  | (Pick<StatusEvent, 'statusCode' | 'timestamp'> & { readonly api?: ClickatellApi });

/** Rank of codes the catalog does not know: below everything, so they never override a known status. */
const UNKNOWN_RANK = -1;

/**
 * Where a status stands in a message's life, by the catalog of `api` (the legacy API unless told; codes
 * collide, so a legacy 27 READ ranks 5 and a One API 27 VOLUME_LIMIT_DAILY ranks 3). The same principles for
 * both: proof of delivery (legacy RECEIVED_BY_RECIPIENT 4, READ 27; One API DEVICE_ACK 5, READ 6) outranks
 * every failure, and a failure outranks everything before delivery.
 * - Legacy: UNKNOWN (1) 0 < QUEUED 1 < DELIVERED_TO_GATEWAY 2 < every failure 3 < RECEIVED_BY_RECIPIENT 4 <
 *   READ and EMULATED 5.
 * - One API: UNKNOWN (1) 0 < QUEUED and SCHEDULED 1 < SENT_TO_SUPPLIER 2 < every failure 3 < DEVICE_ACK 4 <
 *   READ and EMULATED 5.
 * Undocumented codes rank -1.
 */
export function statusRank(code: number, api: ClickatellApi = 'wa'): number {
  if (api === 'one') return isOneApiStatusCode(code) ? ONE_API_STATUSES[code].rank : UNKNOWN_RANK;
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
 * Each value is ranked by its own `api` (legacy when absent); a message belongs to one API, so two values of
 * different APIs are a programming error and throw a `TypeError` rather than compare codes that mean
 * different things.
 *
 * @example
 * isNewerStatus({ code: 27, timestamp: 2400 }, { code: 9, timestamp: 1000 }) // false: READ proves delivery
 * isNewerStatus({ code: 6, timestamp: 2400, api: 'one' }, { code: 23, timestamp: 1000, api: 'one' }) // false
 * if (event.kind === 'status' && isNewerStatus(current, event)) current = event; // a parsed event as it is
 */
export function isNewerStatus(current: StatusLike | null | undefined, incoming: StatusLike): boolean {
  const api = incoming.api ?? 'wa';
  if (!current) return true;
  if ((current.api ?? 'wa') !== api) {
    throw new TypeError(
      `isNewerStatus: a '${current.api ?? 'wa'}' status and a '${api}' status do not compare`,
    );
  }
  const a = statusRank(codeOf(current), api);
  const b = statusRank(codeOf(incoming), api);
  if (b !== a) return b > a;
  return incoming.timestamp > current.timestamp;
}
