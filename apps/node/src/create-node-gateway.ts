import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Encryption } from '@clickwa/core/encryption';
import {
  type ClientResolver,
  createGatewayApp,
  createMediaDownloader,
  createOutboxDrain,
  type GatewayAuth,
  type GatewayErrorContext,
  type GatewayLimits,
  type HandOff,
  type HandOffMessage,
  type IntegrationRef,
  type MediaDownloader,
  OUTBOX_RETENTION_MS,
  type OutboxDrain,
  type SendClient,
} from '@clickwa/webhook';
import type { Hono } from 'hono';
import { createGatewayServer } from './create-gateway-server.ts';
import { createWebhookForwarder, type WebhookForwarderOptions } from './forward/create-webhook-forwarder.ts';
import { type NodeHandler, type NodeHandlerOptions, nodeHandler } from './node-handler.ts';
import { type ClosableStore, type OpenStoreOptions, openStore } from './open-store.ts';

/** Options of `createNodeGateway`. */
export interface NodeGatewayOptions extends OpenStoreOptions {
  /** Who may call the gateway (`API_TOKEN`, callback credentials, integration ids). */
  readonly auth: GatewayAuth;
  /** A store of your own; default the one `databaseUrl` names (SQLite in `.clickwa/` when unset). */
  readonly store?: ClosableStore;
  /** The send client of `POST /api/messages`, or a resolver by integration name. */
  readonly client?: SendClient | ClientResolver;
  /** Your consumer, called with each stored event after its 2xx, at least once (deduplicate by `key`). */
  readonly onEvent?: (event: HandOffMessage) => unknown;
  /** Forwards each stored event to your URL, signed (Standard Webhooks). */
  readonly forward?: WebhookForwarderOptions;
  /** Outbox drain runs between requests (and after a failed hand-off, with backoff). Default 5,000 ms. */
  readonly drainIntervalMs?: number;
  /** How long a drain's claim holds its entries before another run takes them again. Default 60,000 ms. */
  readonly leaseMs?: number;
  readonly limits?: GatewayLimits;
  /** Message content encryption: the API decrypts inbound content on read, and sends encrypted on request. */
  readonly encryption?: Encryption;
  /**
   * Downloads the files users send by reference (One API `files[]`) after the 2xx, with their integration's key
   * (`integrationKeyResolver`), from `baseUrl`'s origin only (default Clickatell's platform). The drain
   * schedules them, so they need `onEvent` or `forward`; the timer retries what is due.
   */
  readonly downloads?: {
    readonly apiKey: (integration: IntegrationRef) => string | undefined;
    readonly baseUrl?: string;
    readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  };
  /** Told of every failure answered 5xx and every failed hand-off. Default: `console.error`. */
  readonly onError?: (error: unknown, context: GatewayErrorContext) => void;
  readonly now?: () => number;
}

/** The gateway on Node: its app, its handler for other servers, and a server of its own. */
export interface NodeGateway {
  readonly app: Hono;
  readonly store: ClosableStore;
  /** Undefined without `onEvent` and `forward`: events then stay in the outbox. */
  readonly drain: OutboxDrain | undefined;
  /** Undefined without `downloads`. */
  readonly downloader: MediaDownloader | undefined;
  /** `(req, res)` for `node:http` and Express (`app.use('/whatsapp', gateway.handler)`, before any body parser). */
  readonly handler: NodeHandler;
  /** A handler that strips a mount prefix first (Fastify, a bare `node:http` server). */
  nodeHandler(options?: NodeHandlerOptions): NodeHandler;
  /** Serves the gateway on its own `node:http` server. Default port 3000 on 127.0.0.1. */
  listen(options?: { readonly port?: number; readonly hostname?: string }): Promise<{
    readonly url: string;
    readonly port: number;
    readonly server: Server;
  }>;
  /**
   * Stops: the server stops accepting, finishes the requests in flight, the drains in flight finish and one
   * last drain runs (what it cannot hand on stays in the outbox), then the store closes.
   */
  close(): Promise<void>;
}

const MAX_BACKOFF_MS = 300_000;
const PRUNE_EVERY_MS = 3_600_000;

/** One hand-off out of the consumer callback and the forwarder; both must succeed for the batch to be done. */
function composeHandOff(options: NodeGatewayOptions): HandOff | undefined {
  const forward = options.forward ? createWebhookForwarder(options.forward) : undefined;
  const onEvent = options.onEvent;
  if (!forward && !onEvent) return undefined;
  return async (messages) => {
    if (forward) await forward(messages);
    if (onEvent) for (const m of messages) await onEvent(m);
  };
}

/**
 * Creates the gateway on Node: the same `@clickwa/webhook` app as on Workers, over SQLite (default) or Postgres,
 * with the outbox drained to your `onEvent` and/or a signed webhook (`forward`) after each answer and on a
 * timer. Opens and migrates the database.
 *
 * @example
 * const gateway = await createNodeGateway({
 *   auth: { apiToken: process.env.API_TOKEN, callbackUsername: 'clickatell', callbackPassword: process.env.CALLBACK_PASSWORD },
 *   onEvent: (event) => console.log(event.kind, event.key),
 * });
 * const { url } = await gateway.listen({ port: 3000 });
 */
export async function createNodeGateway(options: NodeGatewayOptions): Promise<NodeGateway> {
  const onError =
    options.onError ??
    ((error: unknown, { route, stage }: GatewayErrorContext) =>
      console.error(`clickwa ${route} (${stage}):`, error));
  const handOff = composeHandOff(options);
  const store = options.store ?? (await openStore(options));
  const now = options.now ?? Date.now;
  const { downloads } = options;
  const downloader = downloads
    ? createMediaDownloader({
        store,
        apiKey: downloads.apiKey,
        ...(downloads.baseUrl ? { baseUrl: downloads.baseUrl } : {}),
        ...(downloads.fetch ? { fetch: downloads.fetch } : {}),
        ...(options.encryption ? { encryption: options.encryption } : {}),
        now,
        onError: (error) => onError(error, { route: 'downloads', stage: 'media' }),
      })
    : undefined;
  const drain = handOff
    ? createOutboxDrain({
        store,
        handOff,
        now,
        ...(downloader ? { downloader } : {}),
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
        onError: (error) => onError(error, { route: 'drain', stage: 'hand-off' }),
      })
    : undefined;
  const inFlight = new Set<Promise<unknown>>();
  const track = (task: Promise<unknown>) => {
    const settled = task.catch(() => undefined).finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  };
  let app: Hono;
  try {
    app = createGatewayApp({
      store,
      auth: options.auth,
      ...(options.client ? { client: options.client } : {}),
      ...(drain ? { drain } : {}),
      defer: track,
      onError,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.encryption ? { encryption: options.encryption } : {}),
      now,
    });
  } catch (error) {
    // Unusable options: the database this call opened is closed again.
    if (!options.store) await store.close();
    throw error;
  }

  // The timer hands on what no request's drain took (a failed hand-off, an expired lease), backing off while
  // the hand-off fails, and prunes done entries once an hour.
  const interval = options.drainIntervalMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let lastPrune = 0;
  let stopped = false;
  const schedule = () => {
    if (stopped || interval <= 0) return;
    timer = setTimeout(tick, Math.min(interval * 2 ** failures, MAX_BACKOFF_MS));
    timer.unref();
  };
  const tick = () => {
    const task = (async () => {
      if (drain) failures = (await drain.run()).failed ? failures + 1 : 0;
      if (downloader) await downloader.run();
      if (now() - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = now();
        await store.pruneOutbox(now() - OUTBOX_RETENTION_MS);
      }
    })().catch((error: unknown) => onError(error, { route: 'drain', stage: 'hand-off' }));
    track(task);
    void task.finally(schedule);
  };
  schedule();

  const servers = new Set<Server>();
  const handler = nodeHandler(app);
  let closing: Promise<void> | undefined;

  async function stopServer(server: Server): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Idle keep-alive connections would hold close() open; busy ones finish their request first.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    server.closeIdleConnections();
    await closed;
    clearInterval(sweep);
    clearTimeout(force);
  }

  return {
    app,
    store,
    drain,
    downloader,
    handler,
    nodeHandler: (handlerOptions) => nodeHandler(app, handlerOptions),
    listen({ port = 3000, hostname = '127.0.0.1' } = {}) {
      const server = createGatewayServer(handler);
      servers.add(server);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, hostname, () => {
          server.off('error', reject);
          const bound = (server.address() as AddressInfo).port;
          const host = hostname.includes(':') ? `[${hostname}]` : hostname;
          resolve({ url: `http://${host}:${bound}`, port: bound, server });
        });
      });
    },
    close() {
      closing ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        await Promise.all([...servers].map(stopServer));
        while (inFlight.size > 0) await Promise.all(inFlight);
        if (drain) await drain.run();
        await store.close();
      })();
      return closing;
    },
  };
}
