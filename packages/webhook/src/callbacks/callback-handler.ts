import type { GatewayContext } from '../gateway-context.ts';
import { isJsonContentType } from '../internal/is-json-content-type.ts';
import { jsonError } from '../internal/json-error.ts';
import { discardBody, readLimitedBody } from '../internal/read-limited-body.ts';
import { quarantineBody } from './quarantine-body.ts';
import { keepInQuarantine, quarantineCallback } from './quarantine-callback.ts';
import { storeCallback } from './store-callback.ts';
import { toCallbackEvents } from './to-callback-events.ts';

const unauthorized = () =>
  jsonError(401, 'Wrong or missing callback credentials', {
    headers: { 'www-authenticate': 'Basic realm="clickwa callbacks", charset="UTF-8"' },
  });

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder();
const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The handler of one callback URL, for bodies of either API. It refuses only what no one should store, and
 * stores nothing then: 415 a body that cannot be JSON, 413 past the size cap (declared or streamed), 408 a
 * body that stalls, 401 wrong or missing credentials (URL token, HTTP Basic, or a legacy body's keys), 403 an
 * integration not in the allow-list. Every other callback is acknowledged only once it is kept for good: its
 * events (one `insertEvents` call, with their outbox entries), or, when it cannot become events (not UTF-8,
 * not JSON, nested too deep, refused by `parseCallbackBody`, bad media), in quarantine. Members of a One API
 * body the core cannot read are kept in quarantine too, before the events. `tokens` are the URL's (path
 * segment, `?token=`). `onStored` runs after an event was newly stored (the drain's kick).
 */
export function callbackHandler(ctx: GatewayContext, route: string, maxBytes: number) {
  return async (request: Request, tokens: readonly string[], onStored: () => void): Promise<Response> => {
    if (!isJsonContentType(request.headers.get('content-type'))) {
      // Read (bounded) before answering, as for 413: an unread chunked body breaks the connection.
      await discardBody(request);
      return jsonError(415, 'A callback must be JSON (Content-Type: application/json)');
    }
    const body = await readLimitedBody(request, maxBytes, ctx.limits.bodyStallMs);
    if (!body.ok) {
      return body.reason === 'stalled'
        ? jsonError(408, `The body stalled for ${ctx.limits.bodyStallMs} ms; send it again`)
        : jsonError(413, `A callback body may not exceed ${maxBytes} bytes`);
    }
    let text: string;
    let utf8 = true;
    try {
      text = strictUtf8.decode(body.bytes);
    } catch {
      text = lenientUtf8.decode(body.bytes);
      utf8 = false;
    }
    let json: unknown;
    let parsedJson = true;
    try {
      json = JSON.parse(text);
    } catch {
      parsedJson = false;
    }
    if (ctx.credentials) {
      // A token or Basic header, else the body's own keys: unreadable JSON carries none.
      const passed =
        (tokens.length > 0 && (await ctx.credentials.viaToken(tokens, parsedJson ? json : undefined))) ||
        (await ctx.credentials.viaBasic(request)) ||
        (parsedJson && (await ctx.credentials.viaBody(json)));
      if (!passed) return unauthorized();
    }
    if (ctx.integrationIds) {
      const id = isObject(json) && typeof json.integrationId === 'string' ? json.integrationId.trim() : null;
      // A body with no readable integration (not a JSON object) passes only when credentials vouch for it.
      const vouched = !isObject(json) && ctx.credentials !== undefined;
      if (id === null ? !vouched : !ctx.integrationIds.has(id)) {
        return jsonError(403, 'Callbacks from this integration are not accepted here');
      }
    }
    const keep = (reason: Parameters<typeof quarantineCallback>[2], issues: readonly string[]) =>
      quarantineCallback(
        ctx,
        route,
        reason,
        issues,
        quarantineBody(text, json, ctx.secrets, ctx.limits.maxJsonDepth),
      );
    if (!utf8) return keep('invalid-utf8', ['The body is not valid UTF-8']);
    if (!parsedJson) return keep('invalid-json', ['The body is not valid JSON']);
    const outcome = await toCallbackEvents(json, ctx.limits.maxJsonDepth, ctx.now());
    if (!outcome.ok) return keep(outcome.reason, outcome.issues);
    let unrecognized: { id: string; members: readonly string[] } | undefined;
    if (outcome.unrecognized.length > 0) {
      // Kept before the events and the 2xx, so nothing of the body is lost; the same body again is one entry.
      try {
        const id = await keepInQuarantine(
          ctx,
          route,
          'unrecognized-event',
          outcome.unrecognized.map((m) => `${m}: not read by this version`),
          quarantineBody(text, json, ctx.secrets, ctx.limits.maxJsonDepth),
        );
        unrecognized = { id, members: outcome.unrecognized };
      } catch (error) {
        ctx.reportError(error, { route, stage: 'quarantine' });
        return jsonError(503, 'The callback could not be kept; it was not acknowledged, retry it');
      }
    }
    const stored = await storeCallback(ctx, outcome, route, unrecognized);
    if (stored.inserted) onStored();
    return stored.response;
  };
}
