import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId, outboundRecord, statusEvent } from '@clickwa/webhook/contract';
import Database from 'libsql';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPostgresStore } from '../src/postgres/create-postgres-store.ts';
import { POSTGRES_MIGRATIONS } from '../src/postgres/postgres-migrations.ts';
import { createSqliteStore } from '../src/sqlite/create-sqlite-store.ts';
import { SQLITE_MIGRATIONS } from '../src/sqlite/sqlite-migrations.ts';
import { createDatabase } from './helpers/databases.ts';

const T0 = 1_760_000_000_000;
const dir = mkdtempSync(join(tmpdir(), 'clickwa-one-api-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A legacy status event and outbound record as they were stored before One API: no `api`, no `lifecycle`. */
function oldRows() {
  const id = newId();
  const event = statusEvent(id, 27, T0);
  const { api: _a, lifecycle: _l, ...oldEvent } = event;
  const sent = outboundRecord('27999000001', T0 - 1000, { messageId: id });
  const { api: _s, ...oldRecord } = sent;
  const params = [event.key, 'status', id, 27, 'READ', 5, T0, T0 + 5, JSON.stringify(oldEvent)];
  const outbound = [sent.clientMessageId, id, sent.to, sent.sentAt, JSON.stringify(oldRecord)];
  return { id, event, sent, params, outbound };
}

const expected = (rows: ReturnType<typeof oldRows>) => ({
  messageId: rows.id,
  current: { code: 27, status: 'READ', timestamp: T0, api: 'wa', lifecycle: 'read' },
  events: [rows.event],
  outbound: rows.sent,
});

// One API is the last migration of each store: rows written by the one before it read as the legacy API's.
describe('the One API migration', () => {
  it('SQLite: reads older rows as legacy ones, and ranks One API statuses after it', async () => {
    const path = join(dir, 'gateway.db');
    const db = new Database(path);
    for (const migration of SQLITE_MIGRATIONS.slice(0, -1)) db.exec(migration);
    db.exec(`PRAGMA user_version = ${SQLITE_MIGRATIONS.length - 1}`);
    const rows = oldRows();
    db.prepare(
      `INSERT INTO events (key, kind, message_id, status_code, status, rank, timestamp, received_at, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...rows.params);
    db.prepare(
      'INSERT INTO outbound (client_message_id, message_id, msisdn, sent_at, body) VALUES (?, ?, ?, ?, ?)',
    ).run(...rows.outbound);
    db.close();

    const store = createSqliteStore({ path, mediaDir: join(dir, 'media') });
    try {
      expect(await store.getMessage(rows.id)).toEqual(expected(rows));
      const one = newId();
      await store.insertEvents([
        statusEvent(one, 5, T0 + 2400, { api: 'one' }),
        statusEvent(one, 27, T0 + 3000, { api: 'one' }),
      ]);
      expect((await store.getMessage(one))?.current).toMatchObject({ code: 5, api: 'one' });
    } finally {
      await store.close();
    }
  });

  it('Postgres: reads older rows as legacy ones, and ranks One API statuses after it', async () => {
    const url = await createDatabase(inject('postgresUrl'), 'one_api_migration');
    const db = postgres(url, { max: 1, onnotice: () => {} });
    const rows = oldRows();
    try {
      await db.unsafe(
        'CREATE TABLE clickwa_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const [i, migration] of POSTGRES_MIGRATIONS.slice(0, -1).entries()) {
        await db.unsafe(migration);
        await db.unsafe('INSERT INTO clickwa_migrations (version) VALUES ($1)', [i + 1]);
      }
      await db.unsafe(
        `INSERT INTO events (key, kind, message_id, status_code, status, rank, timestamp, received_at, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        rows.params,
      );
      await db.unsafe(
        `INSERT INTO message_status (message_id, code, status, rank, timestamp) VALUES ($1, 27, 'READ', 5, $2)`,
        [rows.id, T0],
      );
      await db.unsafe(
        'INSERT INTO outbound (client_message_id, message_id, msisdn, sent_at, body) VALUES ($1, $2, $3, $4, $5)',
        rows.outbound,
      );
    } finally {
      await db.end();
    }

    const store = createPostgresStore({ url });
    try {
      await store.migrate();
      expect(await store.getMessage(rows.id)).toEqual(expected(rows));
      const one = newId();
      await store.insertEvents([
        statusEvent(one, 5, T0 + 2400, { api: 'one' }),
        statusEvent(one, 27, T0 + 3000, { api: 'one' }),
      ]);
      expect((await store.getMessage(one))?.current).toMatchObject({ code: 5, api: 'one' });
    } finally {
      await store.close();
    }
  });
});
