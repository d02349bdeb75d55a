import { statusRank } from '@clickwa/core';
import type {
  CurrentStatus,
  MessageRecord,
  OutboundRecord,
  Store,
  StoredInboundMessage,
  StoredStatusEvent,
} from '@clickwa/webhook';
import * as sql from './d1-statements.ts';

interface StatusRow {
  readonly message_id: string;
  readonly code: number;
  readonly status: string;
  readonly timestamp: number;
}

const parse = <T>(rows: readonly { body: string }[]): T[] => rows.map((r) => JSON.parse(r.body) as T);
const current = ({ code, status, timestamp }: StatusRow): CurrentStatus => ({ code, status, timestamp });
const mediaKey = (sha256: string): string => `media/${sha256}`;

/** Current statuses and status events of several messages, in one round trip. */
async function statusesOf(db: D1Database, ids: readonly string[]) {
  const list = JSON.stringify(ids);
  const [statuses, events] = await db.batch([
    db.prepare(sql.STATUSES_BY_IDS).bind(list),
    db.prepare(sql.STATUS_EVENTS_BY_IDS).bind(list),
  ]);
  const byId = new Map<string, { current: CurrentStatus | null; events: StoredStatusEvent[] }>();
  for (const id of ids) byId.set(id, { current: null, events: [] });
  for (const row of statuses!.results as unknown as StatusRow[])
    byId.get(row.message_id)!.current = current(row);
  for (const row of events!.results as unknown as { message_id: string; body: string }[]) {
    byId.get(row.message_id)!.events.push(JSON.parse(row.body));
  }
  return byId;
}

/**
 * The gateway's `Store` on Cloudflare: D1 for events, statuses and outbound records (migrations/), R2 for
 * inbound media under `media/<sha256>`. Dedup is D1's UNIQUE index on the event key (INSERT OR IGNORE); a status event's
 * current-status upsert runs in a trigger of that same INSERT, so each callback is one atomic statement.
 *
 * @example const store = createD1Store(env.DB, env.MEDIA);
 */
export function createD1Store(db: D1Database, media: R2Bucket): Store {
  return {
    async insertEvent(event) {
      const status = event.kind === 'status' ? event : undefined;
      const { meta } = await db
        .prepare(sql.INSERT_EVENT)
        .bind(
          event.key,
          event.kind,
          event.messageId,
          status ? status.clientMessageId : null,
          status ? null : (event as StoredInboundMessage).from,
          status ? status.statusCode : null,
          status ? status.status : null,
          status ? statusRank(status.statusCode) : null,
          event.timestamp,
          event.receivedAt,
          JSON.stringify(event),
        )
        .run();
      // `changes` counts the trigger's upsert too: any change means the event row was inserted.
      return meta.changes > 0 ? 'inserted' : 'duplicate';
    },

    async deleteEvent(key) {
      await db.prepare(sql.DELETE_EVENT).bind(key).run();
    },

    async putMedia(sha256, bytes, contentType) {
      await media.put(mediaKey(sha256), bytes, { httpMetadata: { contentType }, sha256 });
    },

    async getMedia(sha256) {
      const object = await media.get(mediaKey(sha256));
      if (!object) return null;
      return {
        body: object.body,
        contentType: object.httpMetadata?.contentType ?? 'application/octet-stream',
        size: object.size,
      };
    },

    async recordOutbound(record) {
      await db
        .prepare(sql.UPSERT_OUTBOUND)
        .bind(record.clientMessageId, record.messageId, record.to, record.sentAt, JSON.stringify(record))
        .run();
    },

    async getMessage(messageId) {
      const [sent, statuses] = await Promise.all([
        db.prepare(sql.OUTBOUND_BY_MESSAGE_ID).bind(messageId).first<{ body: string }>(),
        statusesOf(db, [messageId]),
      ]);
      const found = statuses.get(messageId)!;
      if (!sent && !found.current && found.events.length === 0) return null;
      return { messageId, ...found, outbound: sent ? (JSON.parse(sent.body) as OutboundRecord) : null };
    },

    async findByClientMessageId(clientMessageId) {
      const [sent, ids] = await db.batch([
        db.prepare(sql.OUTBOUND_BY_CLIENT_MESSAGE_ID).bind(clientMessageId),
        db.prepare(sql.MESSAGE_IDS_BY_CLIENT_MESSAGE_ID).bind(clientMessageId),
      ]);
      const outbound = parse<OutboundRecord>(sent!.results as { body: string }[]);
      const covered = new Set(outbound.map((o) => o.messageId));
      const others = (ids!.results as { message_id: string; first: number }[]).filter(
        (r) => !covered.has(r.message_id),
      );
      const all = [
        ...outbound.flatMap((o) => (o.messageId ? [o.messageId] : [])),
        ...others.map((r) => r.message_id),
      ];
      const statuses = all.length > 0 ? await statusesOf(db, all) : new Map();
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
        outbound: parse<OutboundRecord>(sent!.results as { body: string }[]),
        inbound: parse<StoredInboundMessage>(received!.results as { body: string }[]),
        statuses: Object.fromEntries(
          (statuses!.results as unknown as StatusRow[]).map((r) => [r.message_id, current(r)]),
        ),
      };
    },

    async lastInboundAt(msisdn) {
      const row = await db.prepare(sql.LAST_INBOUND_AT).bind(msisdn).first<{ last: number | null }>();
      return row?.last ?? null;
    },
  };
}
