import { getMessageStatus } from '@clickwa/core';
import type { Integration } from './integrations.ts';

/** The spec 7.3.6 credentials, sent in every callback body (and as HTTP Basic when asked). */
export interface CallbackCredentials {
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly basicAuth: boolean;
}

function withCredentials(
  body: Record<string, unknown>,
  credentials: CallbackCredentials,
): Record<string, unknown> {
  if (credentials.username !== undefined) body.username = credentials.username;
  if (credentials.password !== undefined) body.password = credentials.password;
  return body;
}

/** A status callback body (spec 7.2.1), with a millisecond timestamp as the spec's sample has. */
export function statusCallbackBody(
  integration: Integration,
  status: { messageId: string; clientMessageId: string | null; statusCode: number; timestamp: number },
  credentials: CallbackCredentials,
): Record<string, unknown> {
  return withCredentials(
    {
      integrationId: integration.id,
      integrationName: integration.name,
      timestamp: status.timestamp,
      statusCode: status.statusCode,
      status: getMessageStatus(status.statusCode).status,
      messageId: status.messageId,
      clientMessageId: status.clientMessageId,
    },
    credentials,
  );
}

/** What a simulated user sends: text, a reply, media, or a location. */
export interface InboundContent {
  readonly content?: string;
  readonly contentType?: string;
  readonly caption?: string;
  readonly latitude?: string;
  readonly longitude?: string;
  readonly locationName?: string;
  readonly locationAddress?: string;
  readonly encryptionKey?: string;
  readonly sha256Hash?: string;
}

/**
 * An inbound callback body (spec 7.3.1-7.3.5): second timestamps, and a location's latitude spelled
 * `latitute`, as the spec's samples show, so receivers are tested against what the platform really sends.
 */
export function inboundCallbackBody(
  integration: Integration,
  message: {
    messageId: string;
    from: string;
    relatedMessageId: string | null;
    timestamp: number;
  } & InboundContent,
  credentials: CallbackCredentials,
): Record<string, unknown> {
  const body: Record<string, unknown> = { integrationId: integration.id, integrationName: integration.name };
  if (message.latitude !== undefined) {
    body.messageId = message.messageId;
    body.relatedMessageId = message.relatedMessageId;
    body.locationAddress = message.locationAddress ?? null;
    body.locationName = message.locationName ?? null;
    body.latitute = message.latitude;
    body.longitude = message.longitude;
  } else {
    body.content = message.content;
    if (message.contentType !== undefined) {
      body.contentType = message.contentType;
      body.caption = message.caption ?? null;
    }
    body.messageId = message.messageId;
    body.relatedMessageId = message.relatedMessageId;
  }
  body.from = message.from;
  body.timestamp = Math.floor(message.timestamp / 1000);
  if (message.encryptionKey !== undefined) body.encryptionKey = message.encryptionKey;
  if (message.sha256Hash !== undefined) body.sha256Hash = message.sha256Hash;
  return withCredentials(body, credentials);
}

/** `Basic` credentials, UTF-8 encoded first: `btoa` alone throws on anything outside Latin-1. */
function basic(username: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** The headers of every callback. */
export function callbackHeaders(credentials: CallbackCredentials): Readonly<Record<string, string>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credentials.basicAuth && (credentials.username !== undefined || credentials.password !== undefined)) {
    headers.authorization = basic(credentials.username ?? '', credentials.password ?? '');
  }
  return headers;
}
