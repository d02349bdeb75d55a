import { parseCallback } from '@clickwa/core';
import type { GatewayContext } from '../gateway-context.ts';
import { isJsonContentType } from '../internal/is-json-content-type.ts';
import { jsonError } from '../internal/json-error.ts';
import { readLimitedBody } from '../internal/read-limited-body.ts';
import { storeCallback } from './store-callback.ts';

const unauthorized = () =>
  jsonError(401, 'Wrong or missing callback credentials', {
    headers: { 'www-authenticate': 'Basic realm="clickwa callbacks", charset="UTF-8"' },
  });

/**
 * The handler of one callback URL. In order: 415 for a body that cannot be JSON, 413 past the size cap
 * (declared or streamed), 401 for wrong or missing credentials, 400 for bad JSON or a body the core's
 * `parseCallback` refuses (with its issues), 403 for an integration not in the allow-list; then the event
 * is stored before any 2xx. Nothing is stored on any refusal. Both URLs take both kinds of event (the body
 * says which); they differ in their size cap.
 */
export function callbackHandler(ctx: GatewayContext, route: string, maxBytes: number) {
  return async (request: Request): Promise<Response> => {
    if (!isJsonContentType(request.headers.get('content-type'))) {
      return jsonError(415, 'A callback must be JSON (Content-Type: application/json)');
    }
    const body = await readLimitedBody(request, maxBytes);
    if (!body.ok) return jsonError(413, `A callback body may not exceed ${maxBytes} bytes`);
    const viaBasic = ctx.credentials ? await ctx.credentials.viaBasic(request) : true;
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      return viaBasic ? jsonError(400, 'The body is not valid JSON') : unauthorized();
    }
    if (!viaBasic && !(await ctx.credentials!.viaBody(json))) return unauthorized();
    const parsed = parseCallback(json);
    if (!parsed.success) return jsonError(400, 'Not a valid callback', { issues: parsed.issues });
    const event = parsed.output;
    if (
      ctx.integrationIds &&
      (event.integrationId === null || !ctx.integrationIds.has(event.integrationId))
    ) {
      return jsonError(403, 'Callbacks from this integration are not accepted here');
    }
    return storeCallback(ctx, event, route);
  };
}
