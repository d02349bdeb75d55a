import { createGatewayApp, type StoredEvent } from '@clickwa/webhook';
import type { Hono } from 'hono';
import { createD1Store } from './d1-store.ts';
import { clientResolver, readIntegrations } from './integrations.ts';

/**
 * Queue messages are capped at 128 KB. A status event always fits (its callback is capped at 64 KiB); a user's
 * message over the limit (only unknown fields under `extra` can make one) is handed on as a reference.
 */
const MAX_QUEUE_BYTES = 120_000;

function handOff(queue: Queue<unknown>): (event: StoredEvent) => Promise<void> {
  return async (event) => {
    const fits = event.kind === 'status' || JSON.stringify(event).length <= MAX_QUEUE_BYTES;
    const body = fits
      ? event
      : { kind: event.kind, key: event.key, messageId: event.messageId, truncated: true };
    await queue.send(body, { contentType: 'json' });
  };
}

const secret = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Options of `createWorkerGateway`. */
export interface WorkerGatewayOptions {
  /** What the send clients call; default the global `fetch` (tests pass an in-process emulator). */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** Builds the gateway for an environment: D1 + R2 store, clients per integration, Queue hand-off. */
export function createWorkerGateway(env: Env, options: WorkerGatewayOptions = {}): Hono {
  const integrations = readIntegrations(env.INTEGRATIONS);
  const vars = env as unknown as Record<string, unknown>;
  return createGatewayApp({
    store: createD1Store(env.DB, env.MEDIA),
    auth: {
      apiToken: secret(vars.API_TOKEN),
      callbackUsername: secret(vars.CALLBACK_USERNAME),
      callbackPassword: secret(vars.CALLBACK_PASSWORD),
      integrationIds: integrations.flatMap((i) => (i.id ? [i.id] : [])),
    },
    client: clientResolver(vars, integrations, options.fetch),
    onEvent: handOff(env.EVENTS),
    onError: (error, { route, stage }) => console.error(`clickwa ${route} (${stage}):`, error),
  });
}
