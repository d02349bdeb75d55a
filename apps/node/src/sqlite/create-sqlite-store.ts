import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type OutboxEntry,
  readOutboundRecord,
  readStoredEvent,
  type Store,
  type StoredEvent,
  type StoredInboundMessage,
} from '@clickwa/webhook';
import Database from 'libsql';
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
import { createMediaDirectory } from '../media-directory.ts';
import { createGroupCommit } from './group-commit.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import * as sql from './sqlite-statements.ts';

/** SQLite's `synchronous` levels: FULL flushes the WAL at every commit, so a 2xx survives a power cut. */
export type SqliteSynchronous = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

/** Options of `createSqliteStore`. */
export interface SqliteStoreOptions {
  /** The database file (created with its directory when missing). */
  readonly path: string;
  /** Where inbound media go, by SHA-256. */
  readonly mediaDir: string;
  /**
   * Default FULL: a commit is on disk before the answer, even across a power cut. NORMAL in WAL mode survives a
   * crash of the process but may lose the last commits to a power cut.
   */
  readonly synchronous?: SqliteSynchronous;
  /** How long a write waits for another connection's lock (another process on the file). Default 5,000 ms. */
  readonly busyTimeoutMs?: number;
}

/** The SQLite store, with what a server needs to stop it. */
export interface SqliteStore extends Store {
  /** Waits for the pending group commit and closes the database. */
  close(): Promise<void>;
}

/** What the store uses of a libsql statement (its binding types are narrower than the values it takes). */
interface Statement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}

type QuarantineRow = StoreQuarantineRow<string>;
const toQuarantineRecord = (row: QuarantineRow) => quarantineRecordOf(row, fromColumn);

/**
 * The gateway's `Store` on one SQLite file (libsql; WAL journal) and a media directory. Events are written by
 * group commit: the callbacks of one event-loop turn share a transaction and its fsync (each body's events
 * under a savepoint of their own, all or nothing), and each is answered after the COMMIT. Dedup is the UNIQUE key (`ON CONFLICT DO NOTHING`); triggers of the same INSERT write the
 * current status and the outbox entry. Every call runs synchronously inside, so the store is atomic within
 * a process; several processes on one file are serialised by SQLite's lock (`busyTimeoutMs`).
 *
 * @example const store = createSqliteStore({ path: '.clickwa/gateway.db', mediaDir: '.clickwa/media' });
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  const synchronous = options.synchronous ?? 'FULL';
  if (!['OFF', 'NORMAL', 'FULL', 'EXTRA'].includes(synchronous))
    throw new TypeError(`synchronous must be OFF, NORMAL, FULL or EXTRA, got ${synchronous}`);
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000))}`);
  db.prepare('PRAGMA journal_mode = WAL').all();
  db.exec(`PRAGMA synchronous = ${synchronous}`);
  migrate(db);
  const media = createMediaDirectory(options.mediaDir);
  const group = createGroupCommit(db);
  const statement = (() => {
    const cache = new Map<string, Statement>();
    return (text: string) => {
      let s = cache.get(text);
      if (!s) {
        s = db.prepare(text) as unknown as Statement;
        cache.set(text, s);
      }
      return s;
    };
  })();
  const all = <T>(text: string, ...params: unknown[]) => statement(text).all(...params) as T[];
  const get = <T>(text: string, ...params: unknown[]) => statement(text).get(...params) as T | undefined;
  const run = (text: string, ...params: unknown[]) => statement(text).run(...params);
  // Outbox leases and completions are bookkeeping: one lost to a power cut only hands an event on again (at
  // least once), so they are written without an fsync of their own. WAL frames are ordered, so the next FULL
  // commit makes them durable too, and they never cost a request's answer a flush.
  const relaxed = synchronous === 'FULL' || synchronous === 'EXTRA';
  const bookkeeping = <T>(work: () => T): T => {
    if (!relaxed) return work();
    db.exec('PRAGMA synchronous = NORMAL');
    try {
      return work();
    } finally {
      db.exec(`PRAGMA synchronous = ${synchronous}`);
    }
  };
  const transaction = <T>(work: () => T): T => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  };

  function statusesOf(ids: readonly string[]) {
    const list = JSON.stringify(ids.map(toColumn));
    return groupStatuses(
      ids,
      all<StatusRow>(sql.STATUSES_BY_IDS, list).map((r) => ({ ...r, message_id: fromColumn(r.message_id) })),
      all<{ message_id: string; body: string }>(sql.STATUS_EVENTS_BY_IDS, list).map((r) => ({
        ...r,
        message_id: fromColumn(r.message_id),
      })),
    );
  }
  let closed = false;

  return {
    async insertEvents(events) {
      if (events.length === 0) return [];
      // The whole call is one write of the group commit: its statements share a savepoint, so a failure at
      // any event undoes the others (each row checked as it is written, inside it).
      return group.enqueue(() =>
        events.map((event) => {
          const [key, kind, messageId, clientMessageId, msisdn, statusCode, status, ...rest] =
            eventColumns(event);
          const changes = run(
            sql.INSERT_EVENT,
            toColumn(key),
            kind,
            toColumn(messageId),
            toColumnOrNull(clientMessageId),
            toColumnOrNull(msisdn),
            statusCode,
            toColumnOrNull(status),
            ...rest,
          ).changes;
          return changes > 0 ? ('inserted' as const) : ('duplicate' as const);
        }),
      );
    },
    async getEvent(key) {
      const row = get<{ body: string }>(sql.EVENT_BY_KEY, toColumn(key));
      return row ? readStoredEvent(JSON.parse(row.body)) : null;
    },
    async claimOutbox({ limit, leaseMs, now }) {
      return bookkeeping(() =>
        transaction(() => {
          const claimed = all<{ id: number; event_id: number; attempts: number }>(
            sql.CLAIM_OUTBOX,
            now,
            leaseMs,
            limit,
          );
          if (claimed.length === 0) return [];
          const rows = all<{
            id: number;
            key: string;
            kind: StoredEvent['kind'];
            message_id: string;
            body: string;
          }>(sql.EVENTS_BY_ROW_IDS, JSON.stringify(claimed.map((c) => c.event_id)));
          const byId = new Map(rows.map((r) => [r.id, r]));
          return claimed
            .sort((a, b) => a.id - b.id)
            .flatMap((c): OutboxEntry[] => {
              const row = byId.get(c.event_id);
              if (!row) return [];
              const event = readStoredEvent(JSON.parse(row.body));
              return [
                {
                  id: String(c.id),
                  key: fromColumn(row.key),
                  kind: row.kind,
                  messageId: fromColumn(row.message_id),
                  event,
                  attempts: c.attempts,
                },
              ];
            });
        }),
      );
    },
    async completeOutbox(ids, now) {
      if (ids.length === 0) return;
      bookkeeping(() => run(sql.COMPLETE_OUTBOX, now, JSON.stringify(ids.map(Number))));
    },
    async pruneOutbox(before) {
      return run(sql.PRUNE_OUTBOX, before).changes;
    },
    async pendingOutbox() {
      return get<{ n: number }>(sql.PENDING_OUTBOX)!.n;
    },
    async quarantine(entry) {
      run(
        sql.INSERT_QUARANTINE,
        toColumn(entry.id),
        entry.route,
        entry.reason,
        JSON.stringify(entry.issues),
        toColumn(entry.body),
        entry.receivedAt,
      );
    },
    async listQuarantine(query = {}) {
      return all<QuarantineRow>(sql.LIST_QUARANTINE, query.resolved ? 1 : 0, query.limit ?? 100).map(
        toQuarantineRecord,
      );
    },
    async getQuarantined(id) {
      const row = get<QuarantineRow>(sql.QUARANTINE_BY_ID, toColumn(id));
      return row ? toQuarantineRecord(row) : null;
    },
    async resolveQuarantine(id, at) {
      run(sql.RESOLVE_QUARANTINE, at, toColumn(id));
    },
    putBlob: (sha256, bytes) => media.put(sha256, bytes),
    getBlob: (sha256) => media.get(sha256),
    async recordOutbound(records) {
      if (records.length === 0) return;
      transaction(() => {
        for (const r of records)
          run(
            sql.UPSERT_OUTBOUND,
            toColumn(r.clientMessageId),
            toColumnOrNull(r.messageId),
            toColumn(r.to),
            r.sentAt,
            JSON.stringify(r),
          );
      });
    },
    async getMessage(messageId) {
      const sent = get<{ body: string }>(sql.OUTBOUND_BY_MESSAGE_ID, toColumn(messageId));
      const found = statusesOf([messageId]).get(messageId)!;
      if (!sent && !found.current && found.events.length === 0) return null;
      return { messageId, ...found, outbound: sent ? readOutboundRecord(JSON.parse(sent.body)) : null };
    },
    async findByClientMessageId(clientMessageId) {
      const outbound = parseOutbound(all(sql.OUTBOUND_BY_CLIENT_MESSAGE_ID, toColumn(clientMessageId)));
      const covered = new Set(outbound.map((o) => o.messageId));
      const others = all<{ message_id: string; first: number }>(
        sql.MESSAGE_IDS_BY_CLIENT_MESSAGE_ID,
        toColumn(clientMessageId),
      )
        .map((r) => ({ ...r, message_id: fromColumn(r.message_id) }))
        .filter((r) => !covered.has(r.message_id));
      const ids = [
        ...outbound.flatMap((o) => (o.messageId ? [o.messageId] : [])),
        ...others.map((r) => r.message_id),
      ];
      return clientMessageRecords(outbound, others, statusesOf(ids));
    },
    async getConversation(msisdn, query = {}) {
      const limit = query.limit ?? 100;
      return {
        outbound: parseOutbound(all(sql.OUTBOUND_BY_MSISDN, toColumn(msisdn), limit)),
        inbound: parseEvents<StoredInboundMessage>(all(sql.INBOUND_BY_MSISDN, toColumn(msisdn), limit)),
        statuses: Object.fromEntries(
          all<StatusRow>(sql.STATUSES_OF_MSISDN, toColumn(msisdn), limit).map((r) => [
            fromColumn(r.message_id),
            currentStatus(r),
          ]),
        ),
      };
    },
    async lastInboundAt(msisdns) {
      if (msisdns.length === 0) return new Map();
      const rows = all<{ msisdn: string; last: number }>(
        sql.LAST_INBOUND_AT,
        JSON.stringify(msisdns.map(toColumn)),
      );
      return new Map(rows.map((r) => [fromColumn(r.msisdn), r.last]));
    },
    async close() {
      if (closed) return;
      closed = true;
      await group.idle();
      db.close();
    },
  };
}

/**
 * Applies the migrations not applied yet, one transaction each. The version is read inside the write lock, so
 * two processes opening a new file at once migrate it once.
 */
function migrate(db: InstanceType<typeof Database>): void {
  for (;;) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
      if (version >= SQLITE_MIGRATIONS.length) {
        db.exec('COMMIT');
        return;
      }
      db.exec(SQLITE_MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
