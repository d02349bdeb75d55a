import postgres from 'postgres';
import { afterAll, expect, inject, it } from 'vitest';
import { createDatabase } from './helpers/databases.ts';
import { startGateway } from './helpers/gateway-process.ts';
import { keyOf, sendStorm, stormOf } from './helpers/storm.ts';
import { FORWARD_SECRET, startWebhookReceiver } from './helpers/webhook-receiver.ts';

const receiver = await startWebhookReceiver();
afterAll(() => receiver.close());

it('two gateway processes on one Postgres under a storm: each event stored once, handed off once', async () => {
  const url = await createDatabase(inject('postgresUrl'), 'two_instances');
  const env = { DATABASE_URL: url, FORWARD_URL: receiver.url, FORWARD_SECRET };
  // Started together: the migration runs once, under its advisory lock.
  const [a, b] = await Promise.all([startGateway(env), startGateway(env)]);
  const { distinct, sends } = stormOf('twin', 150, 0x2222);
  try {
    const { statuses } = await sendStorm([a.url, b.url], sends, 64);
    expect(Object.fromEntries(statuses)).toEqual({ 200: sends.length });
  } finally {
    // A graceful stop finishes the requests and drains in flight and runs one last drain.
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
  }

  const db = postgres(url, { max: 1 });
  try {
    const [events] = await db`SELECT count(*)::int AS n, count(DISTINCT key)::int AS keys FROM events`;
    expect(events).toEqual({ n: distinct.length, keys: distinct.length });
    const [outbox] =
      await db`SELECT count(*)::int AS n, count(*) FILTER (WHERE done_at IS NULL)::int AS pending,
      max(attempts)::int AS attempts FROM outbox`;
    // Every entry claimed once: no instance took an entry the other held.
    expect(outbox).toEqual({ n: distinct.length, pending: 0, attempts: 1 });
  } finally {
    await db.end();
  }
  const keys = distinct.map(keyOf);
  expect(keys.filter((k) => receiver.counts.get(k) !== 1)).toEqual([]);
  expect(receiver.counts.size).toBe(distinct.length);
  expect(receiver.badSignatures).toEqual([]);
});
