import { replacesCurrentStatus, toCurrentStatus } from './current-status.ts';
import type {
  BlobObject,
  ConversationRecords,
  CurrentStatus,
  MessageRecord,
  OutboundRecord,
  OutboxEntry,
  QuarantineRecord,
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

/** What a database's NOT NULL columns would refuse: the memory store refuses it too, never as a duplicate. */
function assertStorable(event: StoredEvent): void {
  const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  if (typeof event.key !== 'string' || typeof event.messageId !== 'string')
    throw new TypeError('An event needs a string key and messageId');
  if (!finite(event.timestamp) || !finite(event.receivedAt))
    throw new TypeError(`An event's timestamps must be finite numbers (key ${event.key})`);
  if (event.kind === 'status' && !finite(event.statusCode))
    throw new TypeError(`A status event needs a finite statusCode (key ${event.key})`);
  if (event.api !== 'wa' && event.api !== 'one')
    throw new TypeError(`An event needs its api, 'wa' or 'one' (key ${event.key})`);
}

/** A deep copy through JSON, as a database keeps it: `structuredClone` would drop an own `__proto__` key. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const newestFirst = <T>(items: T[], at: (item: T) => number): T[] => items.sort((a, b) => at(b) - at(a));

interface OutboxRow {
  readonly id: number;
  readonly key: string;
  leaseUntil: number;
  attempts: number;
  doneAt: number | null;
}

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
  const blobs = new Map<string, Uint8Array<ArrayBuffer>>();
  const outbox: OutboxRow[] = [];
  const quarantined = new Map<string, QuarantineRecord>();
  let nextOutboxId = 1;

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
    async insertEvents(list) {
      // Checked and cloned first: a call with an event that cannot be stored fails before anything changes.
      for (const event of list) assertStorable(event);
      const kept = list.map((event) => copy(event));
      const seen = new Set<string>();
      return kept.map((event) => {
        if (events.has(event.key) || seen.has(event.key)) return 'duplicate';
        seen.add(event.key);
        events.set(event.key, event);
        if (event.kind === 'status') {
          const incoming = { api: event.api, code: event.statusCode, timestamp: event.timestamp };
          if (replacesCurrentStatus(current.get(event.messageId), incoming)) {
            current.set(
              event.messageId,
              toCurrentStatus(event.statusCode, event.status, event.timestamp, event.api),
            );
          }
        }
        outbox.push({ id: nextOutboxId++, key: event.key, leaseUntil: 0, attempts: 0, doneAt: null });
        return 'inserted';
      });
    },
    async getEvent(key) {
      const found = events.get(key);
      return found ? copy(found) : null;
    },
    async claimOutbox({ limit, leaseMs, now }) {
      const claimed: OutboxEntry[] = [];
      for (const row of outbox) {
        if (claimed.length >= limit) break;
        if (row.doneAt !== null || row.leaseUntil > now) continue;
        row.leaseUntil = now + leaseMs;
        row.attempts++;
        const event = events.get(row.key)!;
        claimed.push({
          id: String(row.id),
          key: row.key,
          kind: event.kind,
          messageId: event.messageId,
          event: copy(event),
          attempts: row.attempts,
        });
      }
      return claimed;
    },
    async completeOutbox(ids, now) {
      const done = new Set(ids);
      for (const row of outbox) if (done.has(String(row.id))) row.doneAt ??= now;
    },
    async pruneOutbox(before) {
      let removed = 0;
      for (let i = outbox.length - 1; i >= 0; i--) {
        const doneAt = outbox[i]!.doneAt;
        if (doneAt !== null && doneAt < before) {
          outbox.splice(i, 1);
          removed++;
        }
      }
      return removed;
    },
    async pendingOutbox() {
      return outbox.filter((row) => row.doneAt === null).length;
    },
    async quarantine(entry) {
      if (!quarantined.has(entry.id)) quarantined.set(entry.id, { ...copy(entry), resolvedAt: null });
    },
    async listQuarantine(query = {}) {
      const limit = query.limit ?? 100;
      const all = [...quarantined.values()].filter(
        (q) => (q.resolvedAt !== null) === (query.resolved ?? false),
      );
      return newestFirst(all, (q) => q.receivedAt).slice(0, limit);
    },
    async getQuarantined(id) {
      return quarantined.get(id) ?? null;
    },
    async resolveQuarantine(id, at) {
      const found = quarantined.get(id);
      if (found && found.resolvedAt === null) quarantined.set(id, { ...found, resolvedAt: at });
    },
    async putBlob(sha256, bytes) {
      if (!blobs.has(sha256)) blobs.set(sha256, bytes.slice());
    },
    async getBlob(sha256): Promise<BlobObject | null> {
      const found = blobs.get(sha256);
      return found ? { body: found.slice(), size: found.byteLength } : null;
    },
    async recordOutbound(records) {
      const copies = records.map((r) => copy(r));
      for (const sent of copies) {
        const same = sent.messageId === null ? -1 : outbound.findIndex((o) => o.messageId === sent.messageId);
        if (same === -1) outbound.push(sent);
        else outbound[same] = sent;
      }
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
    async lastInboundAt(msisdns) {
      const wanted = new Set(msisdns);
      const last = new Map<string, number>();
      for (const e of events.values()) {
        if (e.kind !== 'message' || !wanted.has(e.from)) continue;
        if (e.timestamp > (last.get(e.from) ?? Number.NEGATIVE_INFINITY)) last.set(e.from, e.timestamp);
      }
      return last;
    },
  };
}
