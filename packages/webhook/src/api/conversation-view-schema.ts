import * as v from 'valibot';
import { OutboundRecordSchema, StatusEntrySchema } from './message-view-schema.ts';
import {
  ApiSchema,
  StoredLocationSchema,
  StoredMediaFileSchema,
  StoredMediaSchema,
} from './stored-event-schema.ts';

const text = v.nullable(v.string());

/** A message the business sent, in a thread (`OutboundItem`). */
export const OutboundItemSchema = v.object({
  direction: v.literal('outbound'),
  api: ApiSchema,
  messageId: text,
  clientMessageId: v.string(),
  kind: OutboundRecordSchema.entries.kind,
  template: text,
  content: text,
  caption: text,
  outcome: OutboundRecordSchema.entries.outcome,
  status: v.nullable(StatusEntrySchema),
  timestamp: v.number(),
  index: v.number(),
});

/** A message the user sent, in a thread (`InboundItem`); `media.url` serves its bytes. */
export const InboundItemSchema = v.object({
  direction: v.literal('inbound'),
  api: ApiSchema,
  messageId: v.string(),
  type: v.picklist(['text', 'media', 'location', 'unknown']),
  content: text,
  media: v.nullable(v.object({ ...StoredMediaSchema.entries, url: v.string() })),
  files: v.optional(v.array(StoredMediaFileSchema)),
  caption: v.optional(v.string()),
  profileName: text,
  location: v.nullable(StoredLocationSchema),
  encrypted: v.boolean(),
  decryptionError: text,
  relatedMessageId: text,
  inReplyTo: v.nullable(v.object({ messageId: v.string(), clientMessageId: v.string() })),
  timestamp: v.number(),
});

/** `GET /api/conversations/:msisdn` (`ConversationView`): both directions, oldest first. */
export const ConversationViewSchema = v.object({
  msisdn: v.string(),
  items: v.array(v.variant('direction', [OutboundItemSchema, InboundItemSchema])),
});
