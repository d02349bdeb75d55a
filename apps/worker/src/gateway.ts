import {
  createGatewayApp,
  createOutboxDrain,
  type HandOff,
  type HandOffMessage,
  OUTBOX_RETENTION_MS,
  type OutboxDrain,
  type Store,
} from '@clickwa/webhook';
import type { Hono } from 'hono';
import { createD1Store } from './d1-store.ts';
import { clientResolver, readIntegrations } from './integrations.ts';

/** Hands a batch to the Queue in one `sendBatch` (the drain keeps it within the Queue's limits). */
const queueHandOff =
  (queue: Queue<HandOffMessage>): HandOff =>
  async (messages) => {
    await queue.sendBatch(messages.map((body) => ({ body, contentType: 'json' as const })));
  };

const secret = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** An optional number var (a string in wrangler.jsonc or .dev.vars); the gateway's checks refuse a bad one. */
const numberVar = (value: unknown): number | undefined =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : undefined;

/** Options of `createWorkerGateway`. */
export interface WorkerGatewayOptions {
  /** What the send clients call; default the global `fetch` (tests pass an in-process emulator). */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** The gateway of one environment: its app, its store and the outbox drain the app and the cron share. */
export interface WorkerGateway {
  readonly app: Hono;
  readonly store: Store;
  readonly drain: OutboxDrain;
}

/**
 * Builds the gateway for an environment: D1 + R2 store, clients per integration, the outbox drain to the Queue.
 * Optional vars: `BODY_STALL_MS` (a body that sends nothing this long is answered 408; default 10 s) and
 * `OUTBOX_LEASE_MS` (how long a drain holds the entries it claimed; default 60 s).
 */
export function createWorkerGateway(env: Env, options: WorkerGatewayOptions = {}): WorkerGateway {
  const integrations = readIntegrations(env.INTEGRATIONS);
  const vars = env as unknown as Record<string, unknown>;
  const store = createD1Store(env.DB, env.MEDIA);
  const leaseMs = numberVar(vars.OUTBOX_LEASE_MS);
  const bodyStallMs = numberVar(vars.BODY_STALL_MS);
  const drain = createOutboxDrain({
    store,
    handOff: queueHandOff(env.EVENTS as Queue<HandOffMessage>),
    ...(leaseMs === undefined ? {} : { leaseMs }),
    onError: (error) => console.error('clickwa outbox drain:', error),
  });
  const app = createGatewayApp({
    store,
    auth: {
      apiToken: secret(vars.API_TOKEN),
      callbackUsername: secret(vars.CALLBACK_USERNAME),
      callbackPassword: secret(vars.CALLBACK_PASSWORD),
      integrationIds: integrations.flatMap((i) => (i.id ? [i.id] : [])),
    },
    client: clientResolver(vars, integrations, options.fetch),
    drain,
    ...(bodyStallMs === undefined ? {} : { limits: { bodyStallMs } }),
    onError: (error, { route, stage }) => console.error(`clickwa ${route} (${stage}):`, error),
  });
  return { app, store, drain };
}

/** The Cron Trigger's work: drains what no request's drain took (a failed hand-off, an expired lease), then prunes. */
export async function runSchedule({ drain, store }: WorkerGateway, now = Date.now()): Promise<void> {
  await drain.run();
  await store.pruneOutbox(now - OUTBOX_RETENTION_MS);
}
