import { type ClickatellApi, getMessageStatus, isNewerStatus, statusRank } from '@clickwa/core';
import type { CurrentStatus } from './store.ts';

/** A status as the current-status rule compares it. */
export interface StatusToCompare {
  readonly api: ClickatellApi;
  readonly code: number;
  readonly timestamp: number;
}

/**
 * Whether `incoming` becomes a message's current status, given `current` (null when it has none): the core's
 * `isNewerStatus` within one API. A message belongs to one API; should statuses of both ever arrive for one
 * id, their ranks still compare (both catalogs rank the same stages alike: unknown 0, queued 1, sent 2, failed
 * 3, delivered 4, read 5), then the timestamps, which is the rule SQL stores apply with the rank they bind
 * (docs/decisions.md, "Status order").
 *
 * @example replacesCurrentStatus(null, { api: 'one', code: 6, timestamp: 1 }) // true
 */
export function replacesCurrentStatus(
  current: StatusToCompare | null | undefined,
  incoming: StatusToCompare,
): boolean {
  if (!current) return true;
  if (current.api === incoming.api) return isNewerStatus(current, incoming);
  const a = statusRank(current.code, current.api);
  const b = statusRank(incoming.code, incoming.api);
  return b !== a ? b > a : incoming.timestamp > current.timestamp;
}

/** A current status from what a store keeps of it; the lifecycle comes from the catalog of `api`. */
export function toCurrentStatus(
  code: number,
  status: string,
  timestamp: number,
  api: ClickatellApi = 'wa',
): CurrentStatus {
  return { code, status, timestamp, api, lifecycle: getMessageStatus(code, api).lifecycle };
}
