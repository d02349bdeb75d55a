import { type ClickatellApi, sha256Hex, statusRank } from '@clickwa/core';
import {
  type CurrentStatus,
  type MessageRecord,
  type OutboundRecord,
  type OutboxEntry,
  type QuarantineRecord,
  readOutboundRecord,
  readStoredEvent,
  type Store,
  type StoredEvent,
  type StoredInboundMessage,
  type StoredStatusEvent,
  toCurrentStatus,
} from '@clickwa/webhook';
import * as sql from './d1-statements.ts';

interface StatusRow {
  readonly message_id: string;
  readonly code: number;
  readonly status: string;
  readonly timestamp: number;
  readonly api: ClickatellApi;
}

interface BodyRow {
  readonly body: string;
  readonly body_ref: string | null;
}

interface QuarantineRow extends BodyRow {
  readonly id: string;
  readonly route: string;
  readonly reason: QuarantineRecord['reason'];
  readonly issues: string;
  readonly received_at: number;
  readonly resolved_at: number | null;
}

/**
 * Text up to this many UTF-8 bytes is kept in its row; more goes to R2 by reference. D1 refuses rows over
 * 2,000,000 bytes in production (a little more locally); the margin covers the row's other columns.
 */
const MAX_INLINE_BYTES = 1_900_000;
/** One bound JSON parameter of a batched write stays well under D1's limit on a statement's size. */
const MAX_PARAMETER_BYTES = 900_000;

const encoder = new TextEncoder();
const current = ({ code, status, timestamp, api }: StatusRow): CurrentStatus =>
  toCurrentStatus(code, status, timestamp, api);
const outboundOf = (rows: readonly { body: string }[]): OutboundRecord[] =>
  rows.map((r) => readOutboundRecord(JSON.parse(r.body)));
// Every blob is content-addressed; the prefix predates blobs other than media.
const blobKey = (sha256: string): string => `media/${sha256}`;

/** Chunks of records whose JSON stays within one parameter's bound, each as one JSON array. */
function jsonChunks(items: readonly unknown[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const item of items) {
    const json = JSON.stringify(item);
    const size = encoder.encode(json).byteLength + 1;
    if (current.length > 0 && bytes + size > MAX_PARAMETER_BYTES) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      bytes = 2;
    }
    current.push(json);
    bytes += size;
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/**
 * The gateway's `Store` on Cloudflare: D1 for events, statuses, the outbox, the quarantine and outbound records
 * (migrations/), R2 for blobs (inbound media, and bodies too large for a row) under `media/<sha256>`. Dedup is
 * D1's UNIQUE index on the event key (`ON CONFLICT DO NOTHING`); the current status and the outbox entry are
 * written by triggers of the event's own INSERT, and the events of one callback body are one batch (one
 * transaction), so each callback is one atomic write.
 *
 * @example const store = createD1Store(env.DB, env.MEDIA);
 */
export function createD1Store(db: D1Database, media: R2Bucket): Store {
  async function putBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    // Only when absent: the bytes of a hash never change, and nothing else is stored with them.
    if (await media.head(blobKey(sha256))) return;
    await media.put(blobKey(sha256), bytes, { sha256 });
  }

  /** Text for a row: itself when it fits, else '' and the hash of its bytes, stored in R2 first. */
  async function toRow(text: string): Promise<{ body: string; ref: string | null }> {
    if (text.length * 3 <= MAX_INLINE_BYTES) return { body: text, ref: null };
    const bytes = encoder.encode(text);
    if (bytes.byteLength <= MAX_INLINE_BYTES) return { body: text, ref: null };
    const ref = await sha256Hex(bytes);
    await putBlob(ref, bytes);
    return { body: '', ref };
  }

  async function fromRow(row: BodyRow): Promise<string> {
    if (row.body_ref === null) return row.body;
    const object = await media.get(blobKey(row.body_ref));
    if (!object) throw new Error(`A body kept by reference is missing from R2: ${row.body_ref}`);
    return object.text();
  }

  const parseRows = <T extends StoredEvent>(rows: readonly BodyRow[]): Promise<T[]> =>
    Promise.all(rows.map(async (r) => readStoredEvent(JSON.parse(await fromRow(r))) as T));

  async function toQuarantineRecord(row: QuarantineRow): Promise<QuarantineRecord> {
    return {
      id: row.id,
      route: row.route,
      reason: row.reason,
      issues: JSON.parse(row.issues),
      body: await fromRow(row),
      receivedAt: row.received_at,
      resolvedAt: row.resolved_at,
    };
  }

  /** Current statuses and status events of several messages, in one round trip. */
  async function statusesOf(ids: readonly string[]) {
    const list = JSON.stringify(ids);
    const [statuses, events] = await db.batch([
      db.prepare(sql.STATUSES_BY_IDS).bind(list),
      db.prepare(sql.STATUS_EVENTS_BY_IDS).bind(list),
    ]);
    const byId = new Map<string, { current: CurrentStatus | null; events: StoredStatusEvent[] }>();
    for (const id of ids) byId.set(id, { current: null, events: [] });
    for (const row of statuses!.results as unknown as StatusRow[])
      byId.get(row.message_id)!.current = current(row);
    for (const row of events!.results as unknown as (BodyRow & { message_id: string })[]) {
      byId
        .get(row.message_id)!
        .events.push(readStoredEvent(JSON.parse(await fromRow(row))) as StoredStatusEvent);
    }
    return byId;
  }

  return {
    async insertEvents(events) {
      if (events.length === 0) return [];
      // Bodies too large for a row go to R2 first (content-addressed, harmless if the batch then fails).
      const rows = await Promise.all(events.map((event) => toRow(JSON.stringify(event))));
      const statements = events.map((event, i) => {
        const status = event.kind === 'status' ? event : undefined;
        return db.prepare(sql.INSERT_EVENT).bind(
          event.key,
          event.kind,
          event.messageId,
          status ? status.clientMessageId : null,
          status ? null : (event as StoredInboundMessage).from,
          status ? status.statusCode : null,
          status ? status.status : null,
          // The rank in the catalog of the event's own API: codes collide between the two.
          status ? statusRank(status.statusCode, status.api) : null,
          event.timestamp,
          event.receivedAt,
          rows[i]!.body,
          rows[i]!.ref,
          event.api,
        );
      });
      // One batch is one transaction: every event of the body is stored, or (any failure) none is.
      const results = await db.batch(statements);
      // Only a key's conflict does nothing; every other failure threw. `changes` counts the triggers too.
      return results.map((r) => (r.meta.changes > 0 ? 'inserted' : 'duplicate'));
    },

    async getEvent(key) {
      const row = await db.prepare(sql.EVENT_BY_KEY).bind(key).first<BodyRow>();
      return row ? readStoredEvent(JSON.parse(await fromRow(row))) : null;
    },

    async claimOutbox({ limit, leaseMs, now }) {
      const { results: claimed } = await db
        .prepare(sql.CLAIM_OUTBOX)
        .bind(now, leaseMs, limit)
        .all<{ id: number; event_id: number; attempts: number }>();
      if (claimed.length === 0) return [];
      const { results: rows } = await db
        .prepare(sql.EVENTS_BY_ROW_IDS)
        .bind(JSON.stringify(claimed.map((c) => c.event_id)))
        .all<BodyRow & { id: number; key: string; kind: StoredEvent['kind']; message_id: string }>();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return claimed
        .sort((a, b) => a.id - b.id)
        .flatMap((c): OutboxEntry[] => {
          const row = byId.get(c.event_id);
          if (!row) return [];
          return [
            {
              id: String(c.id),
              key: row.key,
              kind: row.kind,
              messageId: row.message_id,
              // An event kept by reference is far over any hand-off limit: it goes by reference unread.
              event: row.body_ref === null ? readStoredEvent(JSON.parse(row.body)) : null,
              attempts: c.attempts,
            },
          ];
        });
    },

    async completeOutbox(ids, now) {
      if (ids.length === 0) return;
      await db
        .prepare(sql.COMPLETE_OUTBOX)
        .bind(now, JSON.stringify(ids.map(Number)))
        .run();
    },

    async pruneOutbox(before) {
      const { meta } = await db.prepare(sql.PRUNE_OUTBOX).bind(before).run();
      return meta.changes;
    },

    async pendingOutbox() {
      return (await db.prepare(sql.PENDING_OUTBOX).first<{ n: number }>())!.n;
    },

    async quarantine(entry) {
      const { body, ref } = await toRow(entry.body);
      await db
        .prepare(sql.INSERT_QUARANTINE)
        .bind(entry.id, entry.route, entry.reason, JSON.stringify(entry.issues), body, ref, entry.receivedAt)
        .run();
    },

    async listQuarantine(query = {}) {
      const { results } = await db
        .prepare(sql.LIST_QUARANTINE)
        .bind(query.resolved ? 1 : 0, query.limit ?? 100)
        .all<QuarantineRow>();
      return Promise.all(results.map(toQuarantineRecord));
    },

    async getQuarantined(id) {
      const row = await db.prepare(sql.QUARANTINE_BY_ID).bind(id).first<QuarantineRow>();
      return row ? toQuarantineRecord(row) : null;
    },

    async resolveQuarantine(id, at) {
      await db.prepare(sql.RESOLVE_QUARANTINE).bind(at, id).run();
    },

    putBlob,

    async getBlob(sha256) {
      const object = await media.get(blobKey(sha256));
      return object ? { body: object.body, size: object.size } : null;
    },

    async recordOutbound(records) {
      if (records.length === 0) return;
      // One batch: atomic, one round trip, whatever the number of chunks.
      await db.batch(jsonChunks(records).map((chunk) => db.prepare(sql.UPSERT_OUTBOUND).bind(chunk)));
    },

    async getMessage(messageId) {
      const [sent, statuses] = await Promise.all([
        db.prepare(sql.OUTBOUND_BY_MESSAGE_ID).bind(messageId).first<{ body: string }>(),
        statusesOf([messageId]),
      ]);
      const found = statuses.get(messageId)!;
      if (!sent && !found.current && found.events.length === 0) return null;
      return { messageId, ...found, outbound: sent ? readOutboundRecord(JSON.parse(sent.body)) : null };
    },

    async findByClientMessageId(clientMessageId) {
      const [sent, ids] = await db.batch([
        db.prepare(sql.OUTBOUND_BY_CLIENT_MESSAGE_ID).bind(clientMessageId),
        db.prepare(sql.MESSAGE_IDS_BY_CLIENT_MESSAGE_ID).bind(clientMessageId),
      ]);
      const outbound = outboundOf(sent!.results as { body: string }[]);
      const covered = new Set(outbound.map((o) => o.messageId));
      const others = (ids!.results as { message_id: string; first: number }[]).filter(
        (r) => !covered.has(r.message_id),
      );
      const all = [
        ...outbound.flatMap((o) => (o.messageId ? [o.messageId] : [])),
        ...others.map((r) => r.message_id),
      ];
      const statuses = all.length > 0 ? await statusesOf(all) : new Map();
      const empty = { current: null, events: [] };
      const found: { at: number; record: MessageRecord }[] = [
        ...outbound.map((o) => ({
          at: o.sentAt,
          record: {
            messageId: o.messageId,
            ...(o.messageId ? statuses.get(o.messageId)! : empty),
            outbound: o,
          },
        })),
        ...others.map((r) => ({
          at: r.first,
          record: { messageId: r.message_id, ...statuses.get(r.message_id)!, outbound: null },
        })),
      ];
      return found.sort((a, b) => b.at - a.at).map((f) => f.record);
    },

    async getConversation(msisdn, query = {}) {
      const limit = query.limit ?? 100;
      const [sent, received, statuses] = await db.batch([
        db.prepare(sql.OUTBOUND_BY_MSISDN).bind(msisdn, limit),
        db.prepare(sql.INBOUND_BY_MSISDN).bind(msisdn, limit),
        db.prepare(sql.STATUSES_OF_MSISDN).bind(msisdn, limit),
      ]);
      return {
        outbound: outboundOf(sent!.results as { body: string }[]),
        inbound: await parseRows<StoredInboundMessage>(received!.results as unknown as BodyRow[]),
        statuses: Object.fromEntries(
          (statuses!.results as unknown as StatusRow[]).map((r) => [r.message_id, current(r)]),
        ),
      };
    },

    async lastInboundAt(msisdns) {
      if (msisdns.length === 0) return new Map();
      const { results } = await db
        .prepare(sql.LAST_INBOUND_AT)
        .bind(JSON.stringify(msisdns))
        .all<{ msisdn: string; last: number }>();
      return new Map(results.map((r) => [r.msisdn, r.last]));
    },
  };
}
