import { statusRank } from '@clickwa/core';
import type { StoredEvent } from '@clickwa/webhook';

/** The indexed columns of an event row, in the order of both stores' INSERT. */
export type EventColumns = readonly [
  key: string,
  kind: string,
  messageId: string,
  clientMessageId: string | null,
  msisdn: string | null,
  statusCode: number | null,
  status: string | null,
  rank: number | null,
  timestamp: number,
  receivedAt: number,
  body: string,
  api: string,
];

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * An event's row. What a column cannot hold (a NaN or infinite time, SQLite would keep -Infinity as a REAL)
 * throws a TypeError before anything is written: an error, never a duplicate.
 */
export function eventColumns(event: StoredEvent): EventColumns {
  if (typeof event.key !== 'string' || typeof event.messageId !== 'string')
    throw new TypeError('An event needs a string key and messageId');
  if (!finite(event.timestamp) || !finite(event.receivedAt))
    throw new TypeError(`An event's timestamps must be finite numbers (key ${event.key})`);
  const status = event.kind === 'status' ? event : undefined;
  if (status && !finite(status.statusCode))
    throw new TypeError(`A status event needs a finite statusCode (key ${event.key})`);
  if (event.api !== 'wa' && event.api !== 'one')
    throw new TypeError(`An event needs its api, 'wa' or 'one' (key ${event.key})`);
  return [
    event.key,
    event.kind,
    event.messageId,
    status ? status.clientMessageId : null,
    event.kind === 'message' ? event.from : null,
    status ? status.statusCode : null,
    status ? status.status : null,
    // The rank in the catalog of the event's own API: codes collide (27 is READ in one, a failure in the other).
    status ? statusRank(status.statusCode, status.api) : null,
    event.timestamp,
    event.receivedAt,
    JSON.stringify(event),
    event.api,
  ];
}
