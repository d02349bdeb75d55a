import type { StoredEvent } from '@clickwa/webhook';
import type { Hono } from 'hono';
import { consumeEvents } from './consume-events.ts';
import { createWorkerGateway } from './gateway.ts';

// One gateway per environment object: built at the first request of an isolate, reused after.
const gateways = new WeakMap<Env, Hono>();

function gatewayFor(env: Env): Hono {
  let app = gateways.get(env);
  if (!app) {
    app = createWorkerGateway(env);
    gateways.set(env, app);
  }
  return app;
}

export default {
  fetch: (request, env, ctx) => gatewayFor(env).fetch(request, env, ctx),
  queue: (batch) => consumeEvents(batch),
} satisfies ExportedHandler<Env, StoredEvent>;
