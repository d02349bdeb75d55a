import { type Context, Hono } from 'hono';
import { apiRoutes } from './api/api-routes.ts';
import { callbackHandler } from './callbacks/callback-handler.ts';
import { createGatewayContext, type GatewayContext } from './gateway-context.ts';
import type { GatewayOptions } from './gateway-options.ts';
import { jsonError } from './internal/json-error.ts';

/** Runs the drain after the answer: the runtime's `waitUntil` when there is one, else `defer`, else just runs. */
function kickDrain(ctx: GatewayContext, c: Context): void {
  if (!ctx.drain) return;
  const task = ctx.drain
    .run()
    .catch((error: unknown) => ctx.reportError(error, { route: 'drain', stage: 'hand-off' }));
  let waitUntil: ((task: Promise<unknown>) => void) | undefined;
  try {
    const execution = c.executionCtx;
    waitUntil = (t) => execution.waitUntil(t);
  } catch {
    // Not a runtime with an execution context (hono throws then).
  }
  (waitUntil ?? ctx.defer)?.(task);
}

/** The callback tokens a URL carries: its `:token` segment and `?token=` values. */
function urlTokens(c: Context): string[] {
  const tokens = c.req.queries('token') ?? [];
  const segment = c.req.param('token');
  return segment ? [segment, ...tokens] : tokens;
}

/**
 * Creates the gateway as a hono app (Web APIs only: it runs on Workers, Node, Bun and Deno):
 * - `POST /clickatell/status` and `POST /clickatell/inbound`: the two callback URLs of spec 2.3, for bodies of
 *   the legacy API and of One API alike, optionally with a secret token (`/clickatell/status/<token>` or
 *   `?token=`; `auth.callbackTokens`). A 2xx means the callback is kept for good (its events with their outbox
 *   entries, or in quarantine); any other answer means nothing was kept. The hand-off to consumers is the
 *   `drain`'s, after the answer;
 * - `POST /api/messages`, `GET /api/messages/:messageId`, `GET /api/messages/:messageId/media`,
 *   `GET /api/messages?clientMessageId=`, `GET /api/conversations/:msisdn`, `GET /api/events/:key`,
 *   `GET /api/quarantine`, `GET /api/quarantine/:id`, `POST /api/quarantine/:id/retry`: behind the bearer token;
 * - `GET /healthz`.
 * Storage is the `store` you pass (the `Store` port); nothing here knows a database. Throws a TypeError for
 * unusable options.
 *
 * @example
 * const store = createMemoryStore();
 * const app = createGatewayApp({
 *   store,
 *   auth: { apiToken: env.API_TOKEN, callbackUsername: env.CALLBACK_USERNAME, callbackPassword: env.CALLBACK_PASSWORD },
 *   client: createClient({ apiKey: env.CLICKATELL_API_KEY }),
 *   drain: createOutboxDrain({ store, handOff: (messages) => queue.sendBatch(messages.map((body) => ({ body }))) }),
 * });
 * export default app; // or serve(app) on Node
 */
export function createGatewayApp(options: GatewayOptions): Hono {
  const ctx = createGatewayContext(options);
  const app = new Hono();
  const status = callbackHandler(ctx, 'POST /clickatell/status', ctx.limits.statusCallbackBytes);
  const inbound = callbackHandler(ctx, 'POST /clickatell/inbound', ctx.limits.inboundCallbackBytes);
  for (const [path, handle] of [
    ['/clickatell/status', status],
    ['/clickatell/inbound', inbound],
  ] as const) {
    app.post(path, (c) => handle(c.req.raw, urlTokens(c), () => kickDrain(ctx, c)));
    // The token as the last path segment: a URL with one secret part, for Clickatell's portal.
    app.post(`${path}/:token`, (c) => handle(c.req.raw, urlTokens(c), () => kickDrain(ctx, c)));
  }
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route(
    '/api',
    apiRoutes(ctx, (c) => kickDrain(ctx, c)),
  );
  app.notFound(() => jsonError(404, 'No such route'));
  app.onError((error) => {
    ctx.reportError(error, { route: 'unknown', stage: 'unexpected' });
    return jsonError(500, 'Internal error');
  });
  return app;
}
