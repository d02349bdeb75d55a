import { type HandOffMessage, OUTBOX_RETENTION_MS } from '@clickwa/webhook';
import { consumeEvents } from './consume-events.ts';
import { createWorkerGateway, type WorkerGateway } from './gateway.ts';

// One gateway per environment object: built at the first request of an isolate, reused after, so the isolate
// has one drain and its runs are coalesced.
const gateways = new WeakMap<Env, WorkerGateway>();

function gatewayFor(env: Env): WorkerGateway {
  let gateway = gateways.get(env);
  if (!gateway) {
    gateway = createWorkerGateway(env);
    gateways.set(env, gateway);
  }
  return gateway;
}

/** The Cron Trigger: drains what no request's drain took (a failed hand-off, an expired lease), then prunes. */
async function scheduled(env: Env): Promise<void> {
  const { drain, store } = gatewayFor(env);
  await drain.run();
  await store.pruneOutbox(Date.now() - OUTBOX_RETENTION_MS);
}

export default {
  fetch: (request, env, ctx) => gatewayFor(env).app.fetch(request, env, ctx),
  scheduled: (_controller, env, ctx) => ctx.waitUntil(scheduled(env)),
  queue: (batch) => consumeEvents(batch),
} satisfies ExportedHandler<Env, HandOffMessage>;
