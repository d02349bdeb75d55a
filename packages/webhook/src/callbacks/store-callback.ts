import { fromBase64, type ParsedCallback, sha256Hex } from '@clickwa/core';
import type { GatewayContext } from '../gateway-context.ts';
import { jsonError } from '../internal/json-error.ts';
import type { InsertOutcome, StoredEvent, StoredMedia } from '../store.ts';
import { toStoredMessage, toStoredStatus } from '../to-stored-event.ts';

const retryLater = (what: string) => jsonError(503, `${what}; the callback was not acknowledged, retry it`);

/**
 * Stores one parsed callback durably, hands it on, and answers: 200 once stored (or already stored), 503
 * when storage or the hand-off failed (so the platform retries), 400 for media that is not base64.
 */
export async function storeCallback(
  ctx: GatewayContext,
  event: ParsedCallback,
  route: string,
): Promise<Response> {
  const receivedAt = ctx.now();
  let stored: StoredEvent;
  if (event.kind === 'status') {
    stored = toStoredStatus(event, receivedAt);
  } else {
    let media: StoredMedia | null = null;
    if (event.type === 'media') {
      const decoded = fromBase64(event.content);
      if (!decoded.success) return jsonError(400, 'The media content is not base64');
      const bytes = decoded.output;
      const sha256 = await sha256Hex(bytes);
      try {
        // Bytes first: a stored message never points at media that is not there.
        await ctx.store.putMedia(sha256, bytes, event.contentType);
      } catch (error) {
        ctx.reportError(error, { route, stage: 'media' });
        return retryLater('The media could not be stored');
      }
      media = {
        sha256,
        contentType: event.contentType,
        size: bytes.byteLength,
        caption: event.caption,
        declaredSha256: event.sha256Hash,
      };
    }
    stored = toStoredMessage(event, media, receivedAt);
  }
  let outcome: InsertOutcome;
  try {
    outcome = await ctx.store.insertEvent(stored);
  } catch (error) {
    ctx.reportError(error, { route, stage: 'store' });
    return retryLater('The event could not be stored');
  }
  if (outcome === 'inserted' && ctx.onEvent) {
    try {
      await ctx.onEvent(stored);
    } catch (error) {
      ctx.reportError(error, { route, stage: 'hand-off' });
      // Undone, so the retry is not a duplicate and hands the event on again.
      await ctx.store
        .deleteEvent(stored.key)
        .catch((e: unknown) => ctx.reportError(e, { route, stage: 'store' }));
      return retryLater('The event could not be handed on');
    }
  }
  return Response.json({ ok: true, duplicate: outcome === 'duplicate' });
}
