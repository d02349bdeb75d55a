// The servers the ingest benchmark compares, each started in a process of its own:
// `node targets.mjs <target> <database>`; prints `listening on <url>` once it serves.

import { isNewerStatus, parseCallback, statusRank } from '@clickwa/core';
import { createNodeGateway } from '@clickwa/node';
import { createMemoryStore } from '@clickwa/webhook';
import { serve } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import Database from 'libsql';
import postgres from 'postgres';

export const CREDENTIALS = { username: 'clickatell', password: 'bench-callback-password' };
const [target, database] = process.argv.slice(2);
const ready = (port) => console.log(`listening on http://127.0.0.1:${port}`);
const authorized = (body) =>
  body?.username === CREDENTIALS.username && body?.password === CREDENTIALS.password;

async function gateway(drain = true, memory = false) {
  const g = await createNodeGateway({
    databaseUrl: database,
    ...(memory ? { store: Object.assign(createMemoryStore(), { close: async () => {} }) } : {}),
    auth: { callbackUsername: CREDENTIALS.username, callbackPassword: CREDENTIALS.password },
    // A consumer that takes each event: the outbox is drained as in production.
    ...(drain ? { onEvent: () => {} } : {}),
  });
  ready((await g.listen({ port: 0 })).port);
}

const targets = {
  // The floor: hono on @hono/node-server, reading the body and answering JSON.
  bare() {
    const app = new Hono();
    app.post('/clickatell/status', async (c) => c.json({ ok: true, length: (await c.req.text()).length }));
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => ready(info.port));
  },
  'gateway-sqlite': () => gateway(),
  // Diagnostic: the route's own cost, on the memory store (nothing durable).
  'gateway-memory': () => gateway(true, true),
  // Diagnostic: events stay in the outbox (no consumer), so no drain runs.
  'gateway-sqlite-no-drain': () => gateway(false),
  'gateway-postgres': () => gateway(),
  // What a user would write with Express 5: the JSON body parser, the same checks (credentials, the core's
  // parseCallback) and one INSERT per request on SQLite with synchronous FULL, autocommitted.
  'express-sqlite'() {
    const db = new Database(database);
    db.prepare('PRAGMA journal_mode = WAL').all();
    db.exec('PRAGMA synchronous = FULL');
    db.exec(`CREATE TABLE IF NOT EXISTS statuses (key TEXT PRIMARY KEY, message_id TEXT NOT NULL, code INTEGER NOT NULL,
      rank INTEGER NOT NULL, timestamp INTEGER NOT NULL, body TEXT NOT NULL)`);
    const insert = db.prepare(
      'INSERT INTO statuses (key, message_id, code, rank, timestamp, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
    );
    const app = express();
    app.use(express.json({ limit: '64kb' }));
    app.post('/clickatell/status', (req, res) => {
      if (!authorized(req.body)) return res.status(401).json({ error: 'credentials' });
      const parsed = parseCallback(req.body);
      if (!parsed.success || parsed.output.kind !== 'status')
        return res.status(400).json({ error: 'invalid' });
      const e = parsed.output;
      isNewerStatus(null, e);
      const key = `status:${e.messageId}:${e.statusCode}:${e.timestamp}`;
      insert.run(key, e.messageId, e.statusCode, statusRank(e.statusCode), e.timestamp, JSON.stringify(e));
      res.json({ ok: true, key });
    });
    const server = app.listen(0, '127.0.0.1', () => ready(server.address().port));
  },
  // The Postgres floor: hono, the body parsed, one INSERT into the same Postgres.
  async 'insert-postgres'() {
    const sql = postgres(database, { max: 10, onnotice: () => {} });
    await sql`CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, body text NOT NULL)`;
    const app = new Hono();
    app.post('/clickatell/status', async (c) => {
      const body = await c.req.json();
      await sql`INSERT INTO bench_rows (body) VALUES (${JSON.stringify(body)})`;
      return c.json({ ok: true });
    });
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => ready(info.port));
  },
};

if (target) await targets[target]();
