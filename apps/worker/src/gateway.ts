import {
  clientResolver,
  createGatewayApp,
  createGatewayEncryption,
  createMediaDownloader,
  createOutboxDrain,
  formatConfigIssues,
  type HandOff,
  type HandOffMessage,
  integrationKeyResolver,
  type MediaDownloader,
  OUTBOX_RETENTION_MS,
  type OutboxDrain,
  readGatewayConfig,
  type Store,
} from '@clickwa/webhook';
import type { Hono } from 'hono';
import { createD1Store } from './d1-store.ts';

/** Hands a batch to the Queue in one `sendBatch` (the drain keeps it within the Queue's limits). */
const queueHandOff =
  (queue: Queue<HandOffMessage>): HandOff =>
  async (messages) => {
    await queue.sendBatch(messages.map((body) => ({ body, contentType: 'json' as const })));
  };

/** Options of `createWorkerGateway`. */
export interface WorkerGatewayOptions {
  /** What the send clients call; default the global `fetch` (tests pass an in-process emulator). */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** The clock (epoch ms); default `Date.now` (tests pass their own to reach a retry's time). */
  readonly now?: () => number;
}

/** The gateway of one environment: its app, its store and the outbox drain the app and the cron share. */
export interface WorkerGateway {
  readonly app: Hono;
  readonly store: Store;
  readonly drain: OutboxDrain;
  /** Downloads the files users sent by reference; the drain runs it after scheduling, the cron for retries. */
  readonly downloader: MediaDownloader;
}

/**
 * Builds the gateway for an environment: D1 + R2 store, clients per integration, the outbox drain to the Queue.
 * Optional vars: `BODY_STALL_MS` (a body that sends nothing this long is answered 408; default 10 s) and
 * `OUTBOX_LEASE_MS` (how long a drain holds the entries it claimed; default 60 s).
 */
export function createWorkerGateway(env: Env, options: WorkerGatewayOptions = {}): WorkerGateway {
  const vars = env as unknown as Record<string, unknown>;
  // The same variables, read by the same code, as the Node gateway; a mistake throws at the first request.
  const config = readGatewayConfig(vars);
  if (!config.success) throw new TypeError(formatConfigIssues(config.issues));
  const store = createD1Store(env.DB, env.MEDIA);
  const { outboxLeaseMs: leaseMs, bodyStallMs, baseUrl } = config.output;
  const encryption = config.output.encryption
    ? createGatewayEncryption(config.output.encryption, options.fetch)
    : undefined;
  const downloader = createMediaDownloader({
    store,
    apiKey: integrationKeyResolver(vars, config.output.integrations),
    ...(baseUrl ? { baseUrl } : {}),
    ...(encryption ? { encryption } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
    onError: (error) => console.error('clickwa media downloads:', error),
  });
  const drain = createOutboxDrain({
    store,
    handOff: queueHandOff(env.EVENTS as Queue<HandOffMessage>),
    downloader,
    ...(options.now ? { now: options.now } : {}),
    ...(leaseMs === undefined ? {} : { leaseMs }),
    onError: (error) => console.error('clickwa outbox drain:', error),
  });
  const app = createGatewayApp({
    store,
    auth: config.output.auth,
    client: clientResolver(vars, config.output.integrations, options.fetch),
    drain,
    ...(encryption ? { encryption } : {}),
    ...(bodyStallMs === undefined ? {} : { limits: { bodyStallMs } }),
    ...(options.now ? { now: options.now } : {}),
    onError: (error, { route, stage }) => console.error(`clickwa ${route} (${stage}):`, error),
  });
  return { app, store, drain, downloader };
}

/**
 * The Cron Trigger's work: drains what no request's drain took (a failed hand-off, an expired lease), downloads
 * the files whose retry is due, then prunes.
 */
export async function runSchedule(
  { drain, store, downloader }: WorkerGateway,
  now = Date.now(),
): Promise<void> {
  await drain.run();
  await downloader.run();
  await store.pruneOutbox(now - OUTBOX_RETENTION_MS);
}
