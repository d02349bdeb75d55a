import { getMessageStatus } from '@clickwa/core';
import type { Integration } from '../integrations.ts';

/**
 * One API's callback envelope: `{ integrationId, integrationName, event: { <type>: [item] } }`, one event per
 * body ("for now batch sizes are always 1"). One API documents no body credentials, so none are added.
 */
function envelope(
  integration: Integration,
  type: string,
  item: Record<string, unknown>,
): Record<string, unknown> {
  return { integrationId: integration.id, integrationName: integration.name, event: { [type]: [item] } };
}

/** A status of a message, as a `messageStatusUpdate` item needs it. */
export interface OneApiStatus {
  readonly messageId: string;
  readonly clientMessageId: string | null;
  readonly statusCode: number;
  readonly timestamp: number;
}

/**
 * A `messageStatusUpdate` body of one status or several (an integration's `statusBatch: 'message'`): the One
 * API catalog's name beside each code, millisecond timestamps.
 */
export function oneApiStatusBody(
  integration: Integration,
  ...statuses: readonly OneApiStatus[]
): Record<string, unknown> {
  return {
    integrationId: integration.id,
    integrationName: integration.name,
    event: {
      messageStatusUpdate: statuses.map((status) => ({
        channel: 'whatsapp',
        timestamp: status.timestamp,
        statusCode: status.statusCode,
        status: getMessageStatus(status.statusCode, 'one').status,
        messageId: status.messageId,
        clientMessageId: status.clientMessageId,
      })),
    },
  };
}

/** A file of a `moMedia` by reference, as its callback lists it. */
export interface InboundFile {
  readonly contentType: string;
  readonly downloadUrl: string;
  readonly sha256Hash: string;
  readonly byteSize: number;
  readonly fileName: string;
}

/** What a One API user message carries besides its content. */
export interface OneApiInboundHeader {
  readonly messageId: string;
  readonly relatedMessageId: string | null;
  readonly relatedClientMessageId: string | null;
  readonly from: string;
  readonly to: string;
  readonly timestamp: number;
  readonly profileName: string;
  /** Client-side encryption: the data key the content (and a file's bytes) are encrypted with. */
  readonly encryptionKey?: string;
}

/** What a simulated user sends, in One API's forms. */
export type OneApiInboundContent =
  | { readonly type: 'text'; readonly content: string }
  | {
      readonly type: 'media-inline';
      readonly content: string;
      readonly contentType: string;
      readonly caption: string | null;
      /** Of the clear file, when the content is encrypted. */
      readonly sha256Hash?: string;
    }
  | { readonly type: 'media-files'; readonly files: readonly InboundFile[]; readonly caption: string | null }
  | {
      readonly type: 'location';
      readonly latitude: number;
      readonly longitude: number;
      readonly locationName: string | null;
      readonly locationAddress: string | null;
    };

/** A `moText`, `moMedia` (inline base64 or `files[]`) or `moLocation` body, with millisecond timestamps. */
export function oneApiInboundBody(
  integration: Integration,
  header: OneApiInboundHeader,
  content: OneApiInboundContent,
): Record<string, unknown> {
  const common = {
    channel: 'whatsapp',
    messageId: header.messageId,
    relatedMessageId: header.relatedMessageId,
    relatedClientMessageId: header.relatedClientMessageId,
    from: header.from,
    to: header.to,
    timestamp: header.timestamp,
    ...(header.encryptionKey === undefined ? {} : { encryptionKey: header.encryptionKey }),
  };
  const whatsapp = { profileName: header.profileName };
  switch (content.type) {
    case 'text':
      return envelope(integration, 'moText', {
        ...common,
        content: content.content,
        charset: 'UTF-8',
        whatsapp,
      });
    case 'media-inline':
      return envelope(integration, 'moMedia', {
        ...common,
        contentType: content.contentType,
        content: content.content,
        caption: content.caption,
        ...(content.sha256Hash === undefined ? {} : { sha256Hash: content.sha256Hash }),
        whatsapp,
      });
    case 'media-files':
      return envelope(integration, 'moMedia', {
        ...common,
        files: content.files,
        caption: content.caption,
        whatsapp,
      });
    default:
      return envelope(integration, 'moLocation', {
        ...common,
        latitude: content.latitude,
        longitude: content.longitude,
        locationName: content.locationName,
        locationAddress: content.locationAddress,
        whatsapp,
      });
  }
}
