import type { HandOffMessage } from '@clickwa/webhook';
import { consumeEvents } from './consume-events.ts';
import { createWorkerGateway, runSchedule, type WorkerGateway } from './gateway.ts';

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

export default {
  fetch: (request, env, ctx) => gatewayFor(env).app.fetch(request, env, ctx),
  // The Cron Trigger: the outbox drain for what no request's drain took, then pruning of done entries.
  scheduled: (_controller, env, ctx) => ctx.waitUntil(runSchedule(gatewayFor(env))),
  queue: (batch) => consumeEvents(batch),
} satisfies ExportedHandler<Env, HandOffMessage>;
