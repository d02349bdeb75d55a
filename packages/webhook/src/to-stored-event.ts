import { type MessageEvent, normalizeMsisdn, type StatusEvent } from '@clickwa/core';
import { eventKey } from './event-key.ts';
import type { StoredInboundMessage, StoredMedia, StoredStatusEvent } from './store.ts';

/** A parsed status callback as the store keeps it. Built field by field, so credentials can never ride along. */
export function toStoredStatus(event: StatusEvent, receivedAt: number): StoredStatusEvent {
  return {
    kind: 'status',
    key: eventKey(event),
    messageId: event.messageId,
    clientMessageId: event.clientMessageId,
    statusCode: event.statusCode,
    status: event.status,
    timestamp: event.timestamp,
    integrationId: event.integrationId,
    integrationName: event.integrationName,
    receivedAt,
    ...(event.extra ? { extra: event.extra } : {}),
  };
}

/**
 * A parsed user message as the store keeps it; media content is replaced by `media` (its bytes go to the
 * media store first). `from` is normalized by the core, so threads match the numbers the client sends to.
 */
export function toStoredMessage(
  event: MessageEvent,
  media: StoredMedia | null,
  receivedAt: number,
): StoredInboundMessage {
  const from = normalizeMsisdn(event.from);
  return {
    kind: 'message',
    key: eventKey(event),
    messageId: event.messageId,
    from: from.success ? from.output : event.from,
    type: event.type,
    content: event.type === 'text' ? event.content : event.type === 'unknown' ? event.content : null,
    media,
    location:
      event.type === 'location'
        ? {
            latitude: event.latitude,
            longitude: event.longitude,
            name: event.locationName,
            address: event.locationAddress,
          }
        : null,
    relatedMessageId: event.relatedMessageId,
    encryptionKey: event.encryptionKey,
    timestamp: event.timestamp,
    integrationId: event.integrationId,
    integrationName: event.integrationName,
    receivedAt,
    ...(event.extra ? { extra: event.extra } : {}),
  };
}
