import { sha256Hex } from '@clickwa/core';
import type { GatewayContext } from '../gateway-context.ts';
import { jsonError } from '../internal/json-error.ts';
import type { QuarantineReason } from '../store.ts';

const encoder = new TextEncoder();

/**
 * Keeps a body in quarantine under the SHA-256 of its route and body (the same callback again is the same
 * entry) and answers its id; rejects when storage failed. `route` is the route's pattern, never the URL: a
 * callback's URL token is not kept.
 */
export async function keepInQuarantine(
  ctx: GatewayContext,
  route: string,
  reason: QuarantineReason,
  issues: readonly string[],
  body: string,
): Promise<string> {
  const id = await sha256Hex(encoder.encode(`${route}\n${body}`));
  await ctx.store.quarantine({ id, route, reason, issues, body, receivedAt: ctx.now() });
  return id;
}

/**
 * Keeps an authenticated callback that cannot become an event, and acknowledges it (200), so the platform
 * stops retrying a body no retry can fix; `POST /api/quarantine/:id/retry` re-processes it after an
 * upgrade. 503 when storage failed.
 */
export async function quarantineCallback(
  ctx: GatewayContext,
  route: string,
  reason: QuarantineReason,
  issues: readonly string[],
  body: string,
): Promise<Response> {
  let id: string;
  try {
    id = await keepInQuarantine(ctx, route, reason, issues, body);
  } catch (error) {
    ctx.reportError(error, { route, stage: 'quarantine' });
    return jsonError(503, 'The callback could not be kept; it was not acknowledged, retry it');
  }
  return Response.json({ ok: true, quarantined: true, id, reason });
}
