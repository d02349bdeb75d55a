import { CLICKATELL_APIS, STATUS_LIFECYCLES } from '@clickwa/core';
import * as v from 'valibot';

const text = v.nullable(v.string());
const extra = v.optional(v.record(v.string(), v.unknown()));

/** Which API an event came through: its codes are of that API's catalog. */
export const ApiSchema = v.picklist(CLICKATELL_APIS);

/** A status's stage, shared by both APIs (`StatusLifecycle`). */
export const LifecycleSchema = v.picklist(STATUS_LIFECYCLES);

/** A status callback as stored (`StoredStatusEvent`). */
export const StoredStatusEventSchema = v.object({
  kind: v.literal('status'),
  key: v.string(),
  api: ApiSchema,
  messageId: v.string(),
  clientMessageId: text,
  statusCode: v.number(),
  status: v.string(),
  lifecycle: LifecycleSchema,
  timestamp: v.number(),
  channel: v.optional(v.string()),
  integrationId: text,
  integrationName: text,
  receivedAt: v.number(),
  extra,
});

/** Inbound media whose bytes the gateway holds (`StoredMedia`). */
export const StoredMediaSchema = v.object({
  sha256: v.string(),
  contentType: v.string(),
  size: v.number(),
  caption: text,
  declaredSha256: text,
});

/** A One API file sent by reference (`StoredMediaFile`). */
export const StoredMediaFileSchema = v.object({
  downloadUrl: v.string(),
  contentType: v.string(),
  declaredSha256: text,
  byteSize: v.nullable(v.number()),
  fileName: text,
});

/** A shared location (`StoredLocation`). */
export const StoredLocationSchema = v.object({
  latitude: v.number(),
  longitude: v.number(),
  name: text,
  address: text,
});

/** A user's message as stored (`StoredInboundMessage`). */
export const StoredInboundMessageSchema = v.object({
  kind: v.literal('message'),
  key: v.string(),
  api: ApiSchema,
  messageId: v.string(),
  from: v.string(),
  to: text,
  profileName: text,
  channel: v.optional(v.string()),
  eventType: v.optional(v.string()),
  type: v.picklist(['text', 'media', 'location', 'unknown']),
  content: text,
  media: v.nullable(StoredMediaSchema),
  files: v.optional(v.array(StoredMediaFileSchema)),
  caption: v.optional(v.string()),
  location: v.nullable(StoredLocationSchema),
  relatedMessageId: text,
  relatedClientMessageId: text,
  encryptionKey: text,
  timestamp: v.number(),
  integrationId: text,
  integrationName: text,
  receivedAt: v.number(),
  extra,
});

/** Any stored event (`GET /api/events/:key`). */
export const StoredEventSchema = v.variant('kind', [StoredStatusEventSchema, StoredInboundMessageSchema]);
