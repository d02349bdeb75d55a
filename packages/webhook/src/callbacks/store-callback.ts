import type { ClickatellApi } from '@clickwa/core';
import type { GatewayContext } from '../gateway-context.ts';
import { jsonError } from '../internal/json-error.ts';
import type { InsertOutcome, StoredEvent } from '../store.ts';
import type { CallbackBlob } from './to-callback-events.ts';

const retryLater = (what: string) => jsonError(503, `${what}; the callback was not acknowledged, retry it`);

/** The events of one body to store, with the media bytes they point at. */
export interface CallbackEvents {
  readonly api: ClickatellApi;
  readonly events: readonly StoredEvent[];
  readonly blobs: readonly CallbackBlob[];
}

/**
 * Stores the events of one callback body durably, in one `insertEvents` call, and answers: 200 once every
 * event and its outbox entry are written (or were already), with each event's key and whether it was a
 * duplicate (and, for a body of one event, `key` and `duplicate` as before; `unrecognized`, the quarantine
 * entry of what the core could not read, when there was any); 503 when storage failed (nothing
 * was written but possibly media bytes, which are content-addressed and harmless), so the platform retries.
 * The hand-off is the drain's, after the answer.
 */
export async function storeCallback(
  ctx: GatewayContext,
  body: CallbackEvents,
  route: string,
  unrecognized?: { readonly id: string; readonly members: readonly string[] },
): Promise<{ response: Response; inserted: boolean }> {
  for (const blob of body.blobs) {
    try {
      // Bytes first: a stored message never points at media that is not there.
      await ctx.store.putBlob(blob.sha256, blob.bytes);
    } catch (error) {
      ctx.reportError(error, { route, stage: 'media' });
      return { response: retryLater('The media could not be stored'), inserted: false };
    }
  }
  let outcomes: readonly InsertOutcome[] = [];
  if (body.events.length > 0) {
    try {
      outcomes = await ctx.store.insertEvents(body.events);
    } catch (error) {
      ctx.reportError(error, { route, stage: 'store' });
      return { response: retryLater('The events could not be stored'), inserted: false };
    }
  }
  const events = body.events.map((e, i) => ({ key: e.key, duplicate: outcomes[i] === 'duplicate' }));
  return {
    response: Response.json({
      ok: true,
      api: body.api,
      ...(events.length === 1 ? events[0] : {}),
      events,
      ...(unrecognized ? { unrecognized } : {}),
    }),
    inserted: outcomes.includes('inserted'),
  };
}
