import {
  type InsertOutcome,
  type OutboundRecord,
  readOutboundRecord,
  readStoredEvent,
  type Store,
  type StoredEvent,
  type StoredInboundMessage,
} from '@clickwa/webhook';
import postgres from 'postgres';
import { clientMessageRecords, groupStatuses } from '../internal/assemble-records.ts';
import { eventColumns } from '../internal/event-columns.ts';
import {
  currentStatus,
  parseEvents,
  parseOutbound,
  toQuarantineRecord as quarantineRecordOf,
  type StatusRow,
  type QuarantineRow as StoreQuarantineRow,
} from '../internal/store-rows.ts';
import { fromColumn, toColumn, toColumnOrNull } from '../internal/text-column.ts';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.ts';
import * as sql from './postgres-statements.ts';

/** Options of `createPostgresStore`. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly url: string;
  /** Connections in this instance's pool. Default 10. */
  readonly maxConnections?: number;
}

/** The Postgres store, with what a server needs to start and stop it. */
export interface PostgresStore extends Store {
  /** Applies the migrations not applied yet (once across instances). */
  migrate(): Promise<void>;
  /** Waits for the queries in flight and closes the pool. */
  close(): Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
type QuarantineRow = StoreQuarantineRow<Uint8Array>;
const toQuarantineRecord = (row: QuarantineRow) => quarantineRecordOf(row, (b) => decoder.decode(b));

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The last record of each messageId, at the place of its first (one upsert cannot touch a row twice). */
function lastOfEach(records: readonly OutboundRecord[]): OutboundRecord[] {
  const out: OutboundRecord[] = [];
  const at = new Map<string, number>();
  for (const r of records) {
    const i = r.messageId === null ? undefined : at.get(r.messageId);
    if (i === undefined) {
      if (r.messageId !== null) at.set(r.messageId, out.length);
      out.push(r);
    } else out[i] = r;
  }
  return out;
}

/**
 * The gateway's `Store` on Postgres, for several Node instances behind a load balancer: one shared database
 * for events, statuses, the outbox, the quarantine, outbound records and media (`blobs`). Each callback body is
 * one transaction of one statement per event (data-modifying CTEs: event, current status, outbox entry); the outbox is claimed with
 * `FOR UPDATE SKIP LOCKED`, so instances drain side by side without handing an entry on twice at once.
 * Call `migrate()` once before use (`createNodeGateway` does).
 *
 * @example
 * const store = createPostgresStore({ url: process.env.DATABASE_URL });
 * await store.migrate();
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const db = postgres(options.url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    // bigint columns hold epoch milliseconds and ids, exact as JavaScript numbers.
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
  });
  const query = <T>(text: string, params: readonly unknown[] = []) =>
    db.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }) as unknown as Promise<
      T[]
    >;

  async function statusesOf(ids: readonly string[]) {
    const stored = ids.map(toColumn);
    const [statuses, events] = await Promise.all([
      query<StatusRow>(sql.STATUSES_BY_IDS, [stored]),
      query<{ message_id: string; body: string }>(sql.STATUS_EVENTS_BY_IDS, [stored]),
    ]);
    return groupStatuses(
      ids,
      statuses.map((r) => ({ ...r, message_id: fromColumn(r.message_id) })),
      events.map((r) => ({ ...r, message_id: fromColumn(r.message_id) })),
    );
  }

  return {
    async migrate() {
      await db.begin(async (tx) => {
        await tx.unsafe("SELECT pg_advisory_xact_lock(hashtext('clickwa migrations'))");
        await tx.unsafe(
          'CREATE TABLE IF NOT EXISTS clickwa_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
        );
        const [row] = await tx.unsafe('SELECT coalesce(max(version), 0)::int AS v FROM clickwa_migrations');
        for (let v = (row as unknown as { v: number }).v; v < POSTGRES_MIGRATIONS.length; v++) {
          await tx.unsafe(POSTGRES_MIGRATIONS[v]!);
          await tx.unsafe('INSERT INTO clickwa_migrations (version) VALUES ($1)', [v + 1]);
        }
      });
    },
    async insertEvents(events) {
      if (events.length === 0) return [];
      const params = (event: StoredEvent) => {
        const [key, kind, messageId, clientMessageId, msisdn, statusCode, status, ...rest] =
          eventColumns(event);
        return [
          toColumn(key),
          kind,
          toColumn(messageId),
          toColumnOrNull(clientMessageId),
          toColumnOrNull(msisdn),
          statusCode,
          toColumnOrNull(status),
          ...rest,
        ];
      };
      const outcome = (rows: { n: number }[]): InsertOutcome => (rows[0]!.n > 0 ? 'inserted' : 'duplicate');
      // One event (every legacy callback): one statement, its message locked inside it.
      if (events.length === 1)
        return [outcome(await query<{ n: number }>(sql.INSERT_ONE_EVENT, params(events[0]!)))];
      // Written in key order (a key repeated keeps its place), so concurrent calls sharing events wait on each
      // other's keys in one order; answered in the caller's order.
      const order = events.map((_, i) => i).sort((a, b) => compareKeys(events[a]!.key, events[b]!.key));
      const outcomes: InsertOutcome[] = new Array(events.length);
      const statusIds = [
        ...new Set(events.flatMap((e) => (e.kind === 'status' ? [toColumn(e.messageId)] : []))),
      ];
      // One transaction: the events of a body are all stored or none (each row checked inside it).
      await db.begin(async (tx) => {
        // A message's current status row is locked by each of its events: two calls whose events of one
        // message interleave would each hold it and wait on the other's key. Its messages are locked first.
        if (statusIds.length > 0) await tx.unsafe(sql.LOCK_MESSAGES, [statusIds], { prepare: true });
        for (const i of order) {
          const rows = (await tx.unsafe(
            sql.INSERT_EVENT,
            params(events[i]!) as postgres.ParameterOrJSON<never>[],
            {
              prepare: true,
            },
          )) as unknown as { n: number }[];
          outcomes[i] = outcome(rows);
        }
      });
      return outcomes;
    },
    async getEvent(key) {
      const [row] = await query<{ body: string }>(sql.EVENT_BY_KEY, [toColumn(key)]);
      return row ? readStoredEvent(JSON.parse(row.body)) : null;
    },
    async claimOutbox({ limit, leaseMs, now }) {
      const rows = await query<{
        id: number;
        attempts: number;
        key: string;
        kind: StoredEvent['kind'];
        message_id: string;
        body: string;
      }>(sql.CLAIM_OUTBOX, [now, leaseMs, limit]);
      return rows.map((r) => ({
        id: String(r.id),
        key: fromColumn(r.key),
        kind: r.kind,
        messageId: fromColumn(r.message_id),
        event: readStoredEvent(JSON.parse(r.body)),
        attempts: r.attempts,
      }));
    },
    async completeOutbox(ids, now) {
      if (ids.length === 0) return;
      await query(sql.COMPLETE_OUTBOX, [now, ids.map(Number)]);
    },
    async pruneOutbox(before) {
      const result = (await query(sql.PRUNE_OUTBOX, [before])) as unknown as { count: number };
      return result.count;
    },
    async pendingOutbox() {
      const [row] = await query<{ n: number }>(sql.PENDING_OUTBOX);
      return row!.n;
    },
    async quarantine(entry) {
      await query(sql.INSERT_QUARANTINE, [
        toColumn(entry.id),
        entry.route,
        entry.reason,
        JSON.stringify(entry.issues),
        Buffer.from(encoder.encode(entry.body)),
        entry.receivedAt,
      ]);
    },
    async listQuarantine(q = {}) {
      const rows = await query<QuarantineRow>(sql.LIST_QUARANTINE, [q.resolved ?? false, q.limit ?? 100]);
      return rows.map(toQuarantineRecord);
    },
    async getQuarantined(id) {
      const [row] = await query<QuarantineRow>(sql.QUARANTINE_BY_ID, [toColumn(id)]);
      return row ? toQuarantineRecord(row) : null;
    },
    async resolveQuarantine(id, at) {
      await query(sql.RESOLVE_QUARANTINE, [at, toColumn(id)]);
    },
    async putBlob(sha256, bytes) {
      await query(sql.PUT_BLOB, [
        toColumn(sha256),
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      ]);
    },
    async getBlob(sha256) {
      const [row] = await query<{ bytes: Uint8Array }>(sql.GET_BLOB, [toColumn(sha256)]);
      if (!row) return null;
      const bytes = new Uint8Array(row.bytes);
      return { body: bytes, size: bytes.byteLength };
    },
    async recordOutbound(records) {
      if (records.length === 0) return;
      const rows = lastOfEach(records);
      await query(sql.UPSERT_OUTBOUND, [
        rows.map((r) => toColumn(r.clientMessageId)),
        rows.map((r) => toColumnOrNull(r.messageId)),
        rows.map((r) => toColumn(r.to)),
        rows.map((r) => r.sentAt),
        rows.map((r) => JSON.stringify(r)),
      ]);
    },
    async getMessage(messageId) {
      const [[sent], statuses] = await Promise.all([
        query<{ body: string }>(sql.OUTBOUND_BY_MESSAGE_ID, [toColumn(messageId)]),
        statusesOf([messageId]),
      ]);
      const found = statuses.get(messageId)!;
      if (!sent && !found.current && found.events.length === 0) return null;
      return { messageId, ...found, outbound: sent ? readOutboundRecord(JSON.parse(sent.body)) : null };
    },
    async findByClientMessageId(clientMessageId) {
      const [sent, ids] = await Promise.all([
        query<{ body: string }>(sql.OUTBOUND_BY_CLIENT_MESSAGE_ID, [toColumn(clientMessageId)]),
        query<{ message_id: string; first: number }>(sql.MESSAGE_IDS_BY_CLIENT_MESSAGE_ID, [
          toColumn(clientMessageId),
        ]).then((rows) => rows.map((r) => ({ ...r, message_id: fromColumn(r.message_id) }))),
      ]);
      const outbound = parseOutbound(sent);
      const covered = new Set(outbound.map((o) => o.messageId));
      const others = ids.filter((r) => !covered.has(r.message_id));
      const all = [
        ...outbound.flatMap((o) => (o.messageId ? [o.messageId] : [])),
        ...others.map((r) => r.message_id),
      ];
      return clientMessageRecords(outbound, others, all.length > 0 ? await statusesOf(all) : new Map());
    },
    async getConversation(msisdn, q = {}) {
      const limit = q.limit ?? 100;
      const [sent, received, statuses] = await Promise.all([
        query<{ body: string }>(sql.OUTBOUND_BY_MSISDN, [toColumn(msisdn), limit]),
        query<{ body: string }>(sql.INBOUND_BY_MSISDN, [toColumn(msisdn), limit]),
        query<StatusRow>(sql.STATUSES_OF_MSISDN, [toColumn(msisdn), limit]),
      ]);
      return {
        outbound: parseOutbound(sent),
        inbound: parseEvents<StoredInboundMessage>(received),
        statuses: Object.fromEntries(statuses.map((r) => [fromColumn(r.message_id), currentStatus(r)])),
      };
    },
    async lastInboundAt(msisdns) {
      if (msisdns.length === 0) return new Map();
      const rows = await query<{ msisdn: string; last: number }>(sql.LAST_INBOUND_AT, [
        msisdns.map(toColumn),
      ]);
      return new Map(rows.map((r) => [fromColumn(r.msisdn), r.last]));
    },
    async close() {
      await db.end({ timeout: 5 });
    },
  };
}
