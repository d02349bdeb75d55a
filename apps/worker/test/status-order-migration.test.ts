import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { isNewerStatus, MESSAGE_STATUSES, type StatusPoint, statusRank } from '@clickwa/core';
import { newId, statusEvent } from '@clickwa/webhook/contract';
import { describe, expect, it } from 'vitest';

const CODES = Object.keys(MESSAGE_STATUSES)
  .map(Number)
  .sort((a, b) => a - b);
const T0 = 1_760_000_000_000;

// The store's statements as they were before migration 0003 (which added a column and the outbox).
const INSERT_EVENT = `INSERT OR IGNORE INTO events
  (key, kind, message_id, client_message_id, msisdn, status_code, status, rank, timestamp, received_at, body)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const DELETE_EVENT = 'DELETE FROM events WHERE key = ?';

/** The rank the store bound before migration 0002: progress 0..4, every failure and EMULATED 10. */
function oldRank(code: number): number {
  const progress = [1, 2, 3, 4, 27];
  if (code === 1001 || code === 1002) return 1;
  if (progress.includes(code)) return progress.indexOf(code);
  return code in MESSAGE_STATUSES ? 10 : -1;
}

/** Stores a status event as the store did before 0002: the same statement, the old rank bound. */
function insertAsBefore(db: D1Database, messageId: string, code: number, timestamp: number) {
  const e = statusEvent(messageId, code, T0 + timestamp);
  return db
    .prepare(INSERT_EVENT)
    .bind(
      e.key,
      'status',
      messageId,
      null,
      null,
      code,
      e.status,
      oldRank(code),
      e.timestamp,
      e.receivedAt,
      '{}',
    );
}

describe('migration 0002: the status order', () => {
  it('ranks every catalog code in SQL exactly as the core does', async () => {
    const { results } = await env.DB.prepare('SELECT code, rank FROM status_rank ORDER BY code').all();
    expect(results).toEqual(CODES.map((code) => ({ code, rank: statusRank(code) })));
  });

  it('rewrites stored ranks and recomputes every current status kept under the old order', async () => {
    const db = env.MIGRATION_DB;
    const [first] = env.TEST_MIGRATIONS;
    expect(first?.name).toMatch(/^0001_/);
    await applyD1Migrations(db, [first!]);

    // Arrival orders (code@ms after T0): the old order let a failure or EMULATED override proof of delivery.
    const lives: Record<string, [number, number][]> = Object.fromEntries(
      Object.entries({
        staleFailureAfterRead: '27@2400 9@1000',
        staleFailureAfterReceived: '2@500 4@2400 9@1000',
        readAfterFailure: '9@1000 27@2400',
        emulatedThenLaterRead: '1006@2000 27@3000',
        failureAfterGateway: '3@2000 28@1000',
        progress: '2@1000 27@3000 3@2000 4@2500',
        unknownCode: '4242@5000 2@1000',
        everyCode: CODES.map((code, i) => `${code}@${(i * 7919) % 5000}`).join(' '),
      }).map(([name, life]) => [
        name,
        life.split(' ').map((s) => s.split('@').map(Number) as [number, number]),
      ]),
    );
    const ids = Object.fromEntries(Object.keys(lives).map((name) => [name, `${name}-${newId()}`]));
    await db.batch(
      Object.entries(lives).flatMap(([name, life]) =>
        life.map(([c, t]) => insertAsBefore(db, ids[name]!, c, t)),
      ),
    );
    // A current status whose event was deleted afterwards (a hand-off that failed and never came back).
    const orphan = `orphan-${newId()}`;
    await db.batch([
      insertAsBefore(db, orphan, 9, 1000),
      db.prepare(DELETE_EVENT).bind(`status:${orphan}:9:${T0 + 1000}`),
    ]);
    const before = await currentStatuses(db);
    expect(before.get(ids.staleFailureAfterRead!)).toMatchObject({ code: 9 });
    expect(before.get(ids.readAfterFailure!)).toMatchObject({ code: 9 });

    await applyD1Migrations(db, env.TEST_MIGRATIONS);

    const after = await currentStatuses(db);
    for (const [name, life] of Object.entries(lives)) {
      const expected = life.reduce<StatusPoint | null>(
        (current, [code, t]) =>
          isNewerStatus(current, { code, timestamp: T0 + t }) ? { code, timestamp: T0 + t } : current,
        null,
      );
      expect({ name, ...after.get(ids[name]!) }).toEqual({
        name,
        ...expected,
        rank: statusRank(expected!.code),
      });
    }
    expect(after.get(ids.staleFailureAfterRead!)).toMatchObject({ code: 27, timestamp: T0 + 2400 });
    expect(after.get(ids.staleFailureAfterReceived!)).toMatchObject({ code: 4 });
    expect(after.get(ids.readAfterFailure!)).toMatchObject({ code: 27 });
    expect(after.get(orphan)).toEqual({ code: 9, timestamp: T0 + 1000, rank: statusRank(9) });

    const { results: events } = await db
      .prepare("SELECT status_code, rank FROM events WHERE kind = 'status'")
      .all<{ status_code: number; rank: number }>();
    expect(events.length).toBeGreaterThan(CODES.length);
    for (const e of events) expect(e.rank).toBe(statusRank(e.status_code));
  });
});

/** Every message's current status, with its stored rank. */
async function currentStatuses(db: D1Database) {
  const { results } = await db
    .prepare('SELECT message_id, code, rank, timestamp FROM message_status')
    .all<{ message_id: string; code: number; rank: number; timestamp: number }>();
  return new Map(results.map(({ message_id, ...status }) => [message_id, status]));
}
