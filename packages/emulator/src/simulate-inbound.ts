import { type InboundContent, inboundCallbackBody } from './callback-bodies.ts';
import type { CallbackAttempt } from './callback-dispatcher.ts';
import type { DeliveryEvent } from './delivery-event.ts';
import type { Integration } from './integrations.ts';
import type { OneApiInboundContent } from './one-api/one-api-callback-bodies.ts';
import { oneApiInboundBody } from './one-api/one-api-callback-bodies.ts';
import { oneApiContentOf, oneApiInboundHeader } from './one-api/one-api-inbound.ts';
import type { Platform } from './platform.ts';
import type { DeliveryRecord, InboundRecord } from './store.ts';

/** A message a simulated user sends, `from` already normalized. */
export interface SimulatedInbound extends InboundContent {
  readonly from: string;
  readonly relatedMessageId?: string | null;
  /** One API: the user's profile name. */
  readonly profileName?: string;
  /** One API: the content in its callback form, when it is not the plain reading of the fields (`files[]`). */
  readonly oneApi?: OneApiInboundContent;
}

/** When the user writes (`offsetMs` from now) and when the callback leaves (`sendAfterMs` from now). */
export interface InboundTiming {
  readonly offsetMs: number;
  readonly sendAfterMs: number;
  readonly autoReply: boolean;
}

/**
 * Records the delivery attempts of a callback on its record, and tells the `onDelivery` hook about each
 * (with the message id, the status name and what happens next).
 */
export function deliveryRecorder(
  platform: Platform,
  deliveries: DeliveryRecord[],
  base: Pick<DeliveryRecord, 'kind' | 'url' | 'duplicate'> & { statusCode?: number },
  about: { readonly messageId: string; readonly status?: string },
): (attempt: CallbackAttempt) => void {
  const { onDelivery, retryBackoffMs } = platform.options;
  return ({ last, nextAttemptInMs, ...attempt }) => {
    deliveries.push({ ...base, ...attempt });
    if (!onDelivery) return;
    const event: DeliveryEvent = {
      ...base,
      ...about,
      ...attempt,
      attempts: retryBackoffMs.length + 1,
      gaveUp: last && !attempt.delivered,
      ...(nextAttemptInMs === undefined ? {} : { nextAttemptInMs }),
    };
    try {
      onDelivery(event);
    } catch {
      // A hook that throws must not stop deliveries; it is the caller's logging.
    }
  };
}

/**
 * A user writes to the business: records the message, opens the care window for the sender, and sends the
 * spec 7.3 callback to the integration's inbound URL (when there is one and callbacks are on).
 */
export function simulateInbound(
  platform: Platform,
  integration: Integration,
  message: SimulatedInbound,
  timing: InboundTiming,
): InboundRecord {
  const { options, store, dispatcher } = platform;
  const timestamp = options.now() + timing.offsetMs;
  const type =
    message.latitude !== undefined ? 'location' : message.contentType !== undefined ? 'media' : 'text';
  const record: InboundRecord = {
    messageId: platform.random('ids').hex(32),
    integration: { id: integration.id, name: integration.name },
    from: message.from,
    type,
    relatedMessageId: message.relatedMessageId ?? null,
    timestamp,
    autoReply: timing.autoReply,
    deliveries: [],
  };
  store.addInbound(record);
  platform.careWindows.open(integration.id, message.from, timestamp);
  const url = options.callbacks ? integration.inboundCallback : undefined;
  if (!url) return record;
  const body = JSON.stringify(
    integration.api === 'one'
      ? oneApiInboundBody(
          integration,
          oneApiInboundHeader(platform, integration, record, message.profileName, message.encryptionKey),
          message.oneApi ?? oneApiContentOf(message),
        )
      : inboundCallbackBody(integration, { ...message, ...record }, platform.credentials),
  );
  const send = (duplicate: boolean, delay: number): void =>
    dispatcher.schedule(
      {
        url,
        body,
        headers: platform.callbackHeaders,
        onAttempt: deliveryRecorder(
          platform,
          record.deliveries,
          { kind: 'inbound', url, duplicate },
          { messageId: record.messageId },
        ),
      },
      delay,
    );
  send(false, timing.sendAfterMs);
  if (platform.random('schedule').chance(options.duplicateRate)) {
    store.counters.duplicateCallbacks++;
    send(true, timing.sendAfterMs + platform.random('schedule').int(options.jitterMs + 1));
  }
  return record;
}
