import type { ClickatellApi } from '@clickwa/core';
import {
  type CurrentStatus,
  type OutboundRecord,
  type QuarantineRecord,
  readOutboundRecord,
  readStoredEvent,
  type StoredEvent,
  toCurrentStatus,
} from '@clickwa/webhook';
import { fromColumn } from './text-column.ts';

/** A `message_status` row, as both stores read it. */
export interface StatusRow {
  readonly message_id: string;
  readonly code: number;
  readonly status: string;
  readonly timestamp: number;
  readonly api: ClickatellApi;
}

/** A `quarantine` row; its body is text in SQLite and bytes in Postgres. */
export interface QuarantineRow<Body> {
  readonly id: string;
  readonly route: string;
  readonly reason: QuarantineRecord['reason'];
  readonly issues: string;
  readonly body: Body;
  readonly received_at: number;
  readonly resolved_at: number | null;
}

/** The record of a quarantine row, its body read by `readBody`. */
export const toQuarantineRecord = <Body>(
  row: QuarantineRow<Body>,
  readBody: (body: Body) => string,
): QuarantineRecord => ({
  id: fromColumn(row.id),
  route: row.route,
  reason: row.reason,
  issues: JSON.parse(row.issues),
  body: readBody(row.body),
  receivedAt: row.received_at,
  resolvedAt: row.resolved_at,
});

/** The current status of a status row. */
export const currentStatus = ({ code, status, timestamp, api }: StatusRow): CurrentStatus =>
  toCurrentStatus(Number(code), fromColumn(status), Number(timestamp), api);

/** The stored events of rows holding their JSON (rows from before One API read as legacy events). */
export const parseEvents = <T extends StoredEvent>(rows: readonly { body: string }[]): T[] =>
  rows.map((r) => readStoredEvent(JSON.parse(r.body)) as T);

/** The outbound records of rows holding their JSON. */
export const parseOutbound = (rows: readonly { body: string }[]): OutboundRecord[] =>
  rows.map((r) => readOutboundRecord(JSON.parse(r.body)));
