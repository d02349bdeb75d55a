import { Hono } from 'hono';
import type { EmulatorEnv } from './client-ip.ts';
import { oneApiRoutes } from './one-api/one-api-routes.ts';
import { type EmulatorOptions, resolveOptions } from './options.ts';
import { createPlatform } from './platform.ts';
import { inboundRoutes } from './routes/inbound.ts';
import { inspectRoutes } from './routes/inspect.ts';
import { sendRoutes } from './routes/send.ts';

/** The part of an execution context the emulator uses (Workers' `ctx`, or anything with `waitUntil`). */
export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * The emulator's fetch handler. Called as a runtime handler, `(request, env, ctx)`; called as a `fetch`
 * replacement, `(url, init)`, so it can be handed to a client as its `fetch`.
 */
export interface EmulatorFetch {
  (request: Request, env?: EmulatorEnv | object, ctx?: WaitUntil): Promise<Response>;
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
}

/** A running emulated platform. */
export interface Emulator {
  /** Handles one request: any runtime can serve it, and tests can call it in-process. */
  readonly fetch: EmulatorFetch;
  /** Resolves when no callback is pending: every status and inbound callback delivered or given up. */
  idle(): Promise<void>;
  /** Stops timers, drops pending callbacks and aborts those in flight; held requests answer 503. */
  close(): void;
  /** The seed in use (drawn at the first request when none was given). */
  readonly seed: string | number;
  /** The integrations, with their ids: callbacks carry these. */
  readonly integrations: readonly { readonly id: string; readonly name: string; readonly sandbox: boolean }[];
}

const LOCAL_BASE = 'http://emulator.local';

/**
 * Creates a local Clickatell WhatsApp platform as a Web-standard fetch handler: it accepts
 * `POST /wa/messages` as the spec describes, answers with the spec's codes, and calls the configured webhooks
 * back with statuses and simulated user messages, out of order and sometimes twice. It runs in-process on any
 * runtime (Node, workerd, Bun, Deno); the Node runner (`@clickwa/emulator/node`) puts it on a port.
 *
 * @example
 * const emulator = createEmulator({ statusCallback: 'http://127.0.0.1:3000/clickatell/status', stepMs: 10, jitterMs: 20 });
 * const response = await emulator.fetch(
 *   new Request('http://emulator.local/wa/messages', {
 *     method: 'POST',
 *     headers: { authorization: 'local-dev-key', 'content-type': 'application/json' },
 *     body: JSON.stringify({ messages: [{ to: '27999000001', content: 'Hello' }] }),
 *   }),
 * );
 * await emulator.idle(); // QUEUED, DELIVERED_TO_GATEWAY, RECEIVED_BY_RECIPIENT and READ have been called back
 * emulator.close();
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const platform = createPlatform(resolveOptions(options));
  const app = new Hono();
  app.route('/', sendRoutes(platform));
  app.route('/', oneApiRoutes(platform));
  app.route('/', inboundRoutes(platform));
  app.route('/', inspectRoutes(platform));
  app.notFound((c) => c.json({ error: `No route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.onError((error, c) => c.json({ error: `Emulator failure: ${error.message}` }, 500));

  const fetch = (async (input: string | URL | Request, second?: unknown, ctx?: WaitUntil) => {
    const asHandler = input instanceof Request;
    const request = asHandler
      ? input
      : new Request(new URL(String(input), LOCAL_BASE), second as RequestInit);
    const response = await app.fetch(request, asHandler ? (second ?? {}) : {});
    const failure = platform.failureOf(response);
    if (failure) throw failure.error;
    // On Workers the isolate may stop once the answer is sent; waitUntil keeps it for the callbacks.
    if (ctx && typeof ctx.waitUntil === 'function' && platform.dispatcher.pending > 0)
      ctx.waitUntil(platform.dispatcher.idle());
    return response;
  }) as EmulatorFetch;

  return {
    fetch,
    idle: () => platform.dispatcher.idle(),
    close: () => platform.close(),
    get seed() {
      return platform.seed();
    },
    integrations: platform.options.integrations.map(({ id, name, sandbox }) => ({ id, name, sandbox })),
  };
}
