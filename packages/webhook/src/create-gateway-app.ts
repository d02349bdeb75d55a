import { Hono } from 'hono';
import { apiRoutes } from './api/api-routes.ts';
import { callbackHandler } from './callbacks/callback-handler.ts';
import { createGatewayContext } from './gateway-context.ts';
import type { GatewayOptions } from './gateway-options.ts';
import { jsonError } from './internal/json-error.ts';

/**
 * Creates the gateway as a hono app (Web APIs only: it runs on Workers, Node, Bun and Deno):
 * - `POST /clickatell/status` and `POST /clickatell/inbound`: the two callback URLs of spec 2.3, checked
 *   (size, content type, credentials, `parseCallback`, integration) and stored durably before the 2xx;
 * - `POST /api/messages`, `GET /api/messages/:messageId`, `GET /api/messages?clientMessageId=`,
 *   `GET /api/conversations/:msisdn`, `GET /api/media/:sha256`: behind the bearer token;
 * - `GET /healthz`.
 * Storage is the `store` you pass (the `Store` port); nothing here knows a database. Throws a TypeError for
 * unusable options.
 *
 * @example
 * const app = createGatewayApp({
 *   store: createMemoryStore(),
 *   auth: { apiToken: env.API_TOKEN, callbackUsername: env.CALLBACK_USERNAME, callbackPassword: env.CALLBACK_PASSWORD },
 *   client: createClient({ apiKey: env.CLICKATELL_API_KEY }),
 *   onEvent: (event) => env.EVENTS.send(event),
 * });
 * export default app; // or serve(app) on Node
 */
export function createGatewayApp(options: GatewayOptions): Hono {
  const ctx = createGatewayContext(options);
  const app = new Hono();
  const status = callbackHandler(ctx, 'POST /clickatell/status', ctx.limits.statusCallbackBytes);
  const inbound = callbackHandler(ctx, 'POST /clickatell/inbound', ctx.limits.inboundCallbackBytes);
  app.post('/clickatell/status', (c) => status(c.req.raw));
  app.post('/clickatell/inbound', (c) => inbound(c.req.raw));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/api', apiRoutes(ctx));
  app.notFound(() => jsonError(404, 'No such route'));
  app.onError((error) => {
    ctx.reportError(error, { route: 'unknown', stage: 'unexpected' });
    return jsonError(500, 'Internal error');
  });
  return app;
}
