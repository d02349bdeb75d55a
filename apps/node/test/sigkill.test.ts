import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './helpers/databases.ts';
import { API_TOKEN, startGateway } from './helpers/gateway-process.ts';
import { sendStorm, stormOf } from './helpers/storm.ts';
import { FORWARD_SECRET, startWebhookReceiver } from './helpers/webhook-receiver.ts';

const receiver = await startWebhookReceiver();
const dir = mkdtempSync(join(tmpdir(), 'clickwa-sigkill-'));
afterAll(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

const stores = {
  sqlite: async () => join(dir, 'gateway.db'),
  postgres: () => createDatabase(inject('postgresUrl'), 'sigkill'),
};

describe.each(Object.keys(stores) as (keyof typeof stores)[])('SIGKILL mid-storm on %s', (store) => {
  it('keeps every acknowledged callback once after a restart, and hands each on', async () => {
    const env = {
      DATABASE_URL: await stores[store](),
      FORWARD_URL: receiver.url,
      FORWARD_SECRET,
      // Entries the killed process had claimed come back after this lease.
      OUTBOX_LEASE_MS: '500',
      OUTBOX_DRAIN_INTERVAL_MS: '100',
    };
    const first = await startGateway(env);
    const { sends } = stormOf(`kill${store}`, 150, 0x5161);
    let killed: Promise<number | null> | undefined;
    const { acknowledged, statuses } = await sendStorm([first.url], sends, 32, (acked) => {
      if (acked >= 80 && !killed) killed = first.stop('SIGKILL');
    });
    expect(await killed).toBeNull();
    expect(statuses.get('failed')).toBeGreaterThan(0);
    expect(acknowledged.size).toBeGreaterThanOrEqual(80);

    const second = await startGateway(env);
    try {
      const missing: string[] = [];
      const read = async (key: string) => {
        const r = await fetch(`${second.url}/api/events/${encodeURIComponent(key)}`, {
          headers: { authorization: `Bearer ${API_TOKEN}` },
        });
        const body = (await r.json()) as { key?: string };
        if (r.status !== 200 || body.key !== key) missing.push(key);
      };
      const keys = [...acknowledged];
      for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map(read));
      expect(missing).toEqual([]);
      // Each message's history has each status once.
      const ids = [...new Set(keys.map((k) => k.split(':')[1]!))];
      for (const id of ids.slice(0, 50)) {
        const view = (await (
          await fetch(`${second.url}/api/messages/${id}`, {
            headers: { authorization: `Bearer ${API_TOKEN}` },
          })
        ).json()) as { history: { code: number; timestamp: number }[] };
        const seen = view.history.map((h) => `${h.code}:${h.timestamp}`);
        expect(new Set(seen).size).toBe(seen.length);
      }
      // Every acknowledged event reaches the endpoint, the killed process's claims included once their
      // lease ran out (the restarted process's drain timer takes them).
      const deadline = Date.now() + 60_000;
      while (keys.some((k) => !receiver.counts.has(k)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(keys.filter((k) => !receiver.counts.has(k))).toEqual([]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
