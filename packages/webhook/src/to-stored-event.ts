import {
  type ClickatellApi,
  getMessageStatus,
  type MediaFilesMessageEvent,
  type MessageEvent,
  normalizeMsisdn,
  type StatusEvent,
} from '@clickwa/core';
import { eventKey } from './event-key.ts';
import type { StoredInboundMessage, StoredMedia, StoredMediaFile, StoredStatusEvent } from './store.ts';

/** A parsed status callback as the store keeps it. Built field by field, so credentials can never ride along. */
export function toStoredStatus(event: StatusEvent, receivedAt: number): StoredStatusEvent {
  const api = event.api ?? 'wa';
  return {
    kind: 'status',
    key: eventKey(event),
    api,
    messageId: event.messageId,
    clientMessageId: event.clientMessageId,
    statusCode: event.statusCode,
    status: event.status,
    lifecycle: getMessageStatus(event.statusCode, api).lifecycle,
    timestamp: event.timestamp,
    ...(event.channel ? { channel: event.channel } : {}),
    integrationId: event.integrationId,
    integrationName: event.integrationName,
    receivedAt,
    ...(event.extra ? { extra: event.extra } : {}),
  };
}

const toStoredFile = (file: MediaFilesMessageEvent['files'][number]): StoredMediaFile => ({
  downloadUrl: file.downloadUrl,
  contentType: file.contentType,
  declaredSha256: file.sha256Hash,
  byteSize: file.byteSize,
  fileName: file.fileName,
});

/**
 * A parsed user message as the store keeps it; media content is replaced by `media` (its bytes go to the
 * media store first), and One API media sent by reference by its declared `files` (`type: 'media'`, `media:
 * null`). `from` is normalized by the core, so threads match the numbers the client sends to. `api` is the
 * body's (`parseCallbackBody`): message events do not carry it.
 */
export function toStoredMessage(
  event: MessageEvent | MediaFilesMessageEvent,
  media: StoredMedia | null,
  receivedAt: number,
  api: ClickatellApi = 'wa',
): StoredInboundMessage {
  const from = normalizeMsisdn(event.from);
  const byReference = event.type === 'media-files';
  return {
    kind: 'message',
    key: eventKey(event),
    api,
    messageId: event.messageId,
    from: from.success ? from.output : event.from,
    to: event.to ?? null,
    profileName: event.profileName ?? null,
    ...(event.channel ? { channel: event.channel } : {}),
    type: byReference ? 'media' : event.type,
    ...(event.type === 'unknown' && event.eventType ? { eventType: event.eventType } : {}),
    content: event.type === 'text' ? event.content : event.type === 'unknown' ? event.content : null,
    media: byReference ? null : media,
    ...(byReference ? { files: event.files.map(toStoredFile) } : {}),
    ...(byReference && event.caption !== null ? { caption: event.caption } : {}),
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
    relatedClientMessageId: event.relatedClientMessageId ?? null,
    encryptionKey: event.encryptionKey,
    timestamp: event.timestamp,
    integrationId: event.integrationId,
    integrationName: event.integrationName,
    receivedAt,
    ...(event.extra ? { extra: event.extra } : {}),
  };
}
