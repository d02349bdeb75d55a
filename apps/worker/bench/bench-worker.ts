// The benchmark's Worker: the real gateway, two baselines, three diagnostics and the outbox drain on the same
// workerd, one path each.
import { createGatewayApp, type Store } from '@clickwa/webhook';
import { Hono } from 'hono';
import { INSERT_EVENT } from '../src/d1-statements.ts';
import { createWorkerGateway } from '../src/gateway.ts';
import gateway from '../src/index.ts';

// Baseline 1: a bare hono route: reads the body (as every route must) and answers 200.
const bare = new Hono().post('/bench/bare', async (c) => {
  await c.req.text();
  return c.text('ok');
});

// Diagnostics: the gateway with a hand-off that does nothing (what the Queue send costs), and with a store
// that does nothing (what parsing, auth and routing cost).
const noQueue = { send: async () => {}, sendBatch: async () => {} } as unknown as Queue;
const noStore = {
  insertEvents: async (events: readonly unknown[]) => events.map(() => 'inserted'),
} as unknown as Store;
let withoutQueue: Hono | undefined;
let withoutStore: Hono | undefined;
let drainGateway: ReturnType<typeof createWorkerGateway> | undefined;
const drainer = (env: Env) => {
  drainGateway ??= createWorkerGateway(env);
  return drainGateway;
};
const SEED_OUTBOX = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
  INSERT INTO events (key, kind, message_id, status_code, status, rank, timestamp, received_at, body)
  SELECT 'status:seed' || ?2 || '-' || i || ':4:' || (1760000000000 + i), 'status', 'seed' || ?2 || '-' || i, 4, 'X', 1,
    1760000000000 + i, ?2,
    json_object('key', 'status:seed' || ?2 || '-' || i || ':4:' || (1760000000000 + i), 'kind', 'status',
      'messageId', 'seed' || ?2 || '-' || i, 'clientMessageId', NULL, 'statusCode', 4, 'status', 'X',
      'timestamp', 1760000000000 + i, 'receivedAt', ?2)
  FROM n`;
const asStatusCallback = (request: Request) =>
  new Request(new URL('/clickatell/status', request.url), request);

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    switch (pathname) {
      case '/bench/bare':
        return bare.fetch(request);
      case '/bench/insert': {
        // Baseline 2: the floor a durable write sets: read the body, one D1 INSERT, 200.
        const body = await request.text();
        await env.DB.prepare('INSERT INTO bench_rows (body) VALUES (?)').bind(body).run();
        return new Response('ok');
      }
      case '/bench/gateway-sql': {
        // Diagnostic: the gateway's own INSERT (dedup key, indexes, status trigger) without the gateway.
        const e = JSON.parse(await request.text());
        const key = `status:${e.messageId}:${e.statusCode}:${e.timestamp}`;
        await env.DB.prepare(INSERT_EVENT)
          .bind(
            key,
            'status',
            e.messageId,
            null,
            null,
            e.statusCode,
            'X',
            1,
            e.timestamp,
            Date.now(),
            JSON.stringify(e),
            null,
          )
          .run();
        return new Response('ok');
      }
      case '/bench/no-queue':
        withoutQueue ??= createWorkerGateway({ ...env, EVENTS: noQueue }).app;
        return withoutQueue.fetch(asStatusCallback(request), env, ctx);
      case '/bench/no-store':
        withoutStore ??= createGatewayApp({
          store: noStore,
          auth: { callbackUsername: env.CALLBACK_USERNAME, callbackPassword: env.CALLBACK_PASSWORD },
        });
        return withoutStore.fetch(asStatusCallback(request));
      case '/bench/seed-outbox': {
        // Pending outbox entries without a drain: `n` status events written in one statement (the trigger
        // adds an entry for each), as a Queue outage would leave them.
        const n = Number(new URL(request.url).searchParams.get('n'));
        await env.DB.prepare(SEED_OUTBOX).bind(n, Date.now()).run();
        return Response.json({ pending: await drainer(env).store.pendingOutbox() });
      }
      case '/bench/drain': {
        // One drain to the real (local) Queue until the outbox is empty: what the Cron Trigger runs.
        const { drain, store } = drainer(env);
        let handedOff = 0;
        let batches = 0;
        while ((await store.pendingOutbox()) > 0) {
          const report = await drain.run();
          if (report.failed) return Response.json({ error: 'the drain failed' }, { status: 500 });
          handedOff += report.handedOff;
          batches += report.batches;
        }
        return Response.json({ handedOff, batches });
      }
      default:
        return gateway.fetch(request, env, ctx);
    }
  },
} satisfies ExportedHandler<Env>;
