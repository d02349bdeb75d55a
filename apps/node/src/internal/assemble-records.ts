import {
  type CurrentStatus,
  type MessageRecord,
  type OutboundRecord,
  readStoredEvent,
  type StoredStatusEvent,
} from '@clickwa/webhook';
import { currentStatus, type StatusRow } from './store-rows.ts';

/** Current statuses and status events of messages, by id (what both stores read in one round trip). */
export type StatusesById = ReadonlyMap<
  string,
  { readonly current: CurrentStatus | null; readonly events: readonly StoredStatusEvent[] }
>;

/** Groups rows of current statuses and of status events by message id. */
export function groupStatuses(
  ids: readonly string[],
  statuses: readonly StatusRow[],
  events: readonly { message_id: string; body: string }[],
): StatusesById {
  const byId = new Map<string, { current: CurrentStatus | null; events: StoredStatusEvent[] }>();
  for (const id of ids) byId.set(id, { current: null, events: [] });
  for (const r of statuses) byId.get(r.message_id)!.current = currentStatus(r);
  for (const r of events)
    byId.get(r.message_id)!.events.push(readStoredEvent(JSON.parse(r.body)) as StoredStatusEvent);
  return byId;
}

/**
 * `findByClientMessageId`'s answer: the gateway's records, then messages known only from callbacks (by the time
 * of their first status), newest first.
 */
export function clientMessageRecords(
  outbound: readonly OutboundRecord[],
  others: readonly { message_id: string; first: number }[],
  statuses: StatusesById,
): MessageRecord[] {
  const empty = { current: null, events: [] };
  const found: { at: number; record: MessageRecord }[] = [
    ...outbound.map((o) => ({
      at: o.sentAt,
      record: { messageId: o.messageId, ...(o.messageId ? statuses.get(o.messageId)! : empty), outbound: o },
    })),
    ...others.map((r) => ({
      at: Number(r.first),
      record: { messageId: r.message_id, ...statuses.get(r.message_id)!, outbound: null },
    })),
  ];
  return found.sort((a, b) => b.at - a.at).map((f) => f.record);
}
