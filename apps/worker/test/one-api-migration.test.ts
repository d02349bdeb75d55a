import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { MESSAGE_STATUSES, ONE_API_STATUSES, statusRank } from '@clickwa/core';
import { newId, outboundRecord, statusEvent } from '@clickwa/webhook/contract';
import { describe, expect, it } from 'vitest';
import { createD1Store } from '../src/d1-store.ts';

const codesOf = (catalog: object) =>
  Object.keys(catalog)
    .map(Number)
    .sort((a, b) => a - b);
const T0 = 1_760_000_000_000;

// The store's statements as they were before migration 0004 (no api column).
const INSERT_EVENT = `INSERT INTO events
  (key, kind, message_id, client_message_id, msisdn, status_code, status, rank, timestamp, received_at, body, body_ref)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`;
const INSERT_OUTBOUND = `INSERT INTO outbound (client_message_id, message_id, msisdn, sent_at, body)
  VALUES (?, ?, ?, ?, ?)`;

describe('migration 0004: One API', () => {
  it('ranks every code of both catalogs in SQL exactly as the core does', async () => {
    const one = await env.DB.prepare('SELECT code, rank FROM one_api_status_rank ORDER BY code').all();
    expect(one.results).toEqual(
      codesOf(ONE_API_STATUSES).map((code) => ({ code, rank: statusRank(code, 'one') })),
    );
    const legacy = await env.DB.prepare('SELECT code, rank FROM status_rank ORDER BY code').all();
    expect(legacy.results).toEqual(
      codesOf(MESSAGE_STATUSES).map((code) => ({ code, rank: statusRank(code) })),
    );
    // 27: READ in the legacy catalog, VOLUME_LIMIT_DAILY (a failure) in One API's.
    expect(statusRank(27, 'one')).toBeLessThan(statusRank(27, 'wa'));
  });

  it("reads rows stored before it as the legacy API's, and ranks One API statuses after it", async () => {
    const db = env.MIGRATION_DB;
    const before = env.TEST_MIGRATIONS.filter((m) => !m.name.startsWith('0004_'));
    expect(before.length).toBe(env.TEST_MIGRATIONS.length - 1);
    await applyD1Migrations(db, before);
    const id = newId();
    const legacy = statusEvent(id, 27, T0);
    const { api: _a, lifecycle: _l, ...oldEvent } = legacy;
    const sent = outboundRecord('27999000001', T0 - 1000, { messageId: id });
    const { api: _s, ...oldRecord } = sent;
    await db.batch([
      db
        .prepare(INSERT_EVENT)
        .bind(
          legacy.key,
          'status',
          id,
          null,
          null,
          27,
          'READ',
          5,
          T0,
          T0 + 5,
          JSON.stringify(oldEvent),
          null,
        ),
      db
        .prepare(INSERT_OUTBOUND)
        .bind(sent.clientMessageId, id, sent.to, sent.sentAt, JSON.stringify(oldRecord)),
    ]);

    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    const store = createD1Store(db, env.MEDIA);
    const found = await store.getMessage(id);
    expect(found).toEqual({
      messageId: id,
      current: { code: 27, status: 'READ', timestamp: T0, api: 'wa', lifecycle: 'read' },
      events: [legacy],
      outbound: sent,
    });

    const one = newId();
    await store.insertEvents([
      statusEvent(one, 5, T0 + 2400, { api: 'one' }),
      statusEvent(one, 27, T0 + 3000, { api: 'one' }),
    ]);
    expect((await store.getMessage(one))?.current).toEqual({
      code: 5,
      status: 'DEVICE_ACK',
      timestamp: T0 + 2400,
      api: 'one',
      lifecycle: 'delivered',
    });
  });
});
