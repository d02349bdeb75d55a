import { storeCallback } from '../callbacks/store-callback.ts';
import { toCallbackEvents } from '../callbacks/to-callback-events.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { jsonError } from '../internal/json-error.ts';

/**
 * `POST /api/quarantine/:id/retry`: re-processes a quarantined callback of either API with this version's
 * parser (after an upgrade that knows its shape). 200 with the events' keys once stored (the entry is then
 * resolved), 422 with the issues when it still cannot become events (or still holds members this version
 * cannot read), 404 for an unknown id.
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
  const outcome = await toCallbackEvents(json, ctx.limits.maxJsonDepth, ctx.now());
  if (!outcome.ok)
    return jsonError(422, 'Still not a callback', { reason: outcome.reason, issues: outcome.issues });
  if (outcome.unrecognized.length > 0) {
    // Its events were stored when it came; what this version still cannot read stays pending.
    return jsonError(422, 'Still holds members this version cannot read', {
      reason: 'unrecognized-event',
      issues: outcome.unrecognized.map((m) => `${m}: not read by this version`),
    });
  }
  const route = `POST /api/quarantine/${id}/retry`;
  const stored = await storeCallback(ctx, outcome, route);
  if (stored.response.status !== 200) return stored.response;
  await ctx.store.resolveQuarantine(id, ctx.now());
  if (stored.inserted) onStored();
  return stored.response;
}
