import { storeCallback } from '../callbacks/store-callback.ts';
import { toCallbackEvent } from '../callbacks/to-callback-event.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { jsonError } from '../internal/json-error.ts';

/**
 * `POST /api/quarantine/:id/retry`: re-processes a quarantined callback with this version's parser (after an
 * upgrade that knows its shape). 200 with the event's key once stored (the entry is then resolved), 422 with
 * the issues when it still cannot become an event, 404 for an unknown id.
 */
export async function retryQuarantined(
  ctx: GatewayContext,
  id: string,
  onStored: () => void,
): Promise<Response> {
  const entry = await ctx.store.getQuarantined(id);
  if (!entry) return jsonError(404, 'No quarantined callback with this id');
  let json: unknown;
  try {
    json = JSON.parse(entry.body);
  } catch {
    return jsonError(422, 'Still not a callback', {
      reason: 'invalid-json',
      issues: ['The body is not valid JSON'],
    });
  }
  const outcome = await toCallbackEvent(json, ctx.limits.maxJsonDepth, ctx.now());
  if (!outcome.ok)
    return jsonError(422, 'Still not a callback', { reason: outcome.reason, issues: outcome.issues });
  const route = `POST /api/quarantine/${id}/retry`;
  const stored = await storeCallback(ctx, outcome.event, outcome.blob, route);
  if (stored.response.status !== 200) return stored.response;
  await ctx.store.resolveQuarantine(id, ctx.now());
  if (stored.inserted) onStored();
  return stored.response;
}
