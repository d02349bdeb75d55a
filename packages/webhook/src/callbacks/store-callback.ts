import type { GatewayContext } from '../gateway-context.ts';
import { jsonError } from '../internal/json-error.ts';
import type { InsertOutcome, StoredEvent } from '../store.ts';

const retryLater = (what: string) => jsonError(503, `${what}; the callback was not acknowledged, retry it`);

/**
 * Stores one event durably and answers: 200 once the event and its outbox entry are written (or were
 * already), 503 when storage failed (nothing was written but possibly media bytes, which are
 * content-addressed and harmless), so the platform retries. The hand-off is the drain's, after the answer.
 */
export async function storeCallback(
  ctx: GatewayContext,
  event: StoredEvent,
  blob: { readonly sha256: string; readonly bytes: Uint8Array } | undefined,
  route: string,
): Promise<{ response: Response; inserted: boolean }> {
  if (blob) {
    try {
      // Bytes first: a stored message never points at media that is not there.
      await ctx.store.putBlob(blob.sha256, blob.bytes);
    } catch (error) {
      ctx.reportError(error, { route, stage: 'media' });
      return { response: retryLater('The media could not be stored'), inserted: false };
    }
  }
  let outcome: InsertOutcome;
  try {
    outcome = await ctx.store.insertEvent(event);
  } catch (error) {
    ctx.reportError(error, { route, stage: 'store' });
    return { response: retryLater('The event could not be stored'), inserted: false };
  }
  return {
    response: Response.json({ ok: true, key: event.key, duplicate: outcome === 'duplicate' }),
    inserted: outcome === 'inserted',
  };
}
