import { isNewerStatus } from '@clickwa/core';
import type {
  ConversationRecords,
  CurrentStatus,
  MediaObject,
  MessageRecord,
  OutboundRecord,
  Store,
  StoredEvent,
  StoredInboundMessage,
  StoredStatusEvent,
} from './store.ts';

/** A `Store` in memory: the reference implementation of the port, for tests and demos. Nothing survives a restart. */
export interface MemoryStore extends Store {
  /** How many events are stored. */
  readonly size: number;
}

const newestFirst = <T>(items: T[], at: (item: T) => number): T[] => items.sort((a, b) => at(b) - at(a));

/**
 * Creates an in-memory store. Every method is synchronous inside, so each call is atomic in a single-threaded
 * runtime; the status rule is the core's `isNewerStatus` itself.
 *
 * @example const app = createGatewayApp({ store: createMemoryStore(), auth: { apiToken: 'dev' } });
 */
export function createMemoryStore(): MemoryStore {
  const events = new Map<string, StoredEvent>();
  const current = new Map<string, CurrentStatus>();
  const outbound: OutboundRecord[] = [];
  const media = new Map<string, { bytes: Uint8Array<ArrayBuffer>; contentType: string }>();

  const statusEvents = (messageId: string): StoredStatusEvent[] =>
    [...events.values()].filter(
      (e): e is StoredStatusEvent => e.kind === 'status' && e.messageId === messageId,
    );

  const record = (messageId: string | null, sent: OutboundRecord | null): MessageRecord => ({
    messageId,
    current: (messageId && current.get(messageId)) || null,
    events: messageId ? statusEvents(messageId) : [],
    outbound: sent,
  });

  return {
    get size() {
      return events.size;
    },
    async insertEvent(event) {
      if (events.has(event.key)) return 'duplicate';
      events.set(event.key, structuredClone(event));
      if (event.kind === 'status' && isNewerStatus(current.get(event.messageId), event)) {
        current.set(event.messageId, {
          code: event.statusCode,
          status: event.status,
          timestamp: event.timestamp,
        });
      }
      return 'inserted';
    },
    async deleteEvent(key) {
      events.delete(key);
    },
    async putMedia(sha256, bytes, contentType) {
      if (!media.has(sha256)) media.set(sha256, { bytes: bytes.slice(), contentType });
    },
    async getMedia(sha256): Promise<MediaObject | null> {
      const found = media.get(sha256);
      return found
        ? { body: found.bytes.slice(), contentType: found.contentType, size: found.bytes.byteLength }
        : null;
    },
    async recordOutbound(sent) {
      const same = sent.messageId === null ? -1 : outbound.findIndex((o) => o.messageId === sent.messageId);
      if (same === -1) outbound.push(structuredClone(sent));
      else outbound[same] = structuredClone(sent);
    },
    async getMessage(messageId) {
      const sent = outbound.find((o) => o.messageId === messageId) ?? null;
      if (!sent && !current.has(messageId) && statusEvents(messageId).length === 0) return null;
      return record(messageId, sent);
    },
    async findByClientMessageId(clientMessageId) {
      const sent = outbound.filter((o) => o.clientMessageId === clientMessageId);
      const found = sent.map((o) => ({ at: o.sentAt, record: record(o.messageId, o) }));
      const covered = new Set(sent.map((o) => o.messageId));
      const fromEvents = new Map<string, number>();
      for (const e of events.values()) {
        if (e.kind !== 'status' || e.clientMessageId !== clientMessageId || covered.has(e.messageId))
          continue;
        fromEvents.set(e.messageId, Math.min(fromEvents.get(e.messageId) ?? e.timestamp, e.timestamp));
      }
      for (const [messageId, at] of fromEvents) found.push({ at, record: record(messageId, null) });
      return newestFirst(found, (f) => f.at).map((f) => f.record);
    },
    async getConversation(msisdn, query = {}): Promise<ConversationRecords> {
      const limit = query.limit ?? 100;
      const sent = newestFirst(
        outbound.filter((o) => o.to === msisdn),
        (o) => o.sentAt,
      ).slice(0, limit);
      const received = newestFirst(
        [...events.values()].filter(
          (e): e is StoredInboundMessage => e.kind === 'message' && e.from === msisdn,
        ),
        (m) => m.timestamp,
      ).slice(0, limit);
      const statuses: Record<string, CurrentStatus> = {};
      for (const o of sent) {
        const status = o.messageId ? current.get(o.messageId) : undefined;
        if (o.messageId && status) statuses[o.messageId] = status;
      }
      return { outbound: sent, inbound: received, statuses };
    },
    async lastInboundAt(msisdn) {
      let last: number | null = null;
      for (const e of events.values()) {
        if (e.kind === 'message' && e.from === msisdn && (last === null || e.timestamp > last))
          last = e.timestamp;
      }
      return last;
    },
  };
}
