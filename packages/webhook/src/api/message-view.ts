import type { ClickatellApi, StatusLifecycle } from '@clickwa/core';
import { replacesCurrentStatus } from '../current-status.ts';
import type { CurrentStatus, MessageRecord, OutboundRecord } from '../store.ts';

/** One status of a message: code, name, timestamp (epoch ms), the API whose catalog the code is of, lifecycle. */
export interface StatusEntry {
  readonly code: number;
  readonly status: string;
  readonly timestamp: number;
  readonly api: ClickatellApi;
  readonly lifecycle: StatusLifecycle;
}

/** What `GET /api/messages/:messageId` answers. */
export interface MessageView {
  /** Null only for a message the platform never accepted (found by clientMessageId). */
  readonly messageId: string | null;
  readonly clientMessageId: string | null;
  /** The recipient, when the gateway sent the message (status callbacks do not carry it). */
  readonly to: string | null;
  /** The current status: the newest by the core's `isNewerStatus`, whatever order callbacks came in. */
  readonly status: StatusEntry | null;
  /** One entry per distinct status code (its first report), in logical order (the status order of its API). */
  readonly history: readonly StatusEntry[];
  /** The outbound record, when the gateway sent the message. */
  readonly sent: OutboundRecord | null;
}

const entry = ({ code, status, timestamp, api, lifecycle }: CurrentStatus): StatusEntry => ({
  code,
  status,
  timestamp,
  api,
  lifecycle,
});

/** Builds the API view of a stored message. */
export function toMessageView(record: MessageRecord): MessageView {
  const first = new Map<string, StatusEntry>();
  for (const e of record.events) {
    const seen = first.get(`${e.api}:${e.statusCode}`);
    if (!seen || e.timestamp < seen.timestamp) {
      first.set(`${e.api}:${e.statusCode}`, {
        code: e.statusCode,
        status: e.status,
        timestamp: e.timestamp,
        api: e.api,
        lifecycle: e.lifecycle,
      });
    }
  }
  // Ordered by the store's rule itself: a status comes after another when it would replace it.
  const history = [...first.values()].sort((a, b) =>
    replacesCurrentStatus(a, b) ? -1 : replacesCurrentStatus(b, a) ? 1 : 0,
  );
  const withClientId = record.events.find((e) => e.clientMessageId !== null);
  return {
    messageId: record.messageId,
    clientMessageId: record.outbound?.clientMessageId ?? withClientId?.clientMessageId ?? null,
    to: record.outbound?.to ?? null,
    status: record.current ? entry(record.current) : null,
    history,
    sent: record.outbound,
  };
}
