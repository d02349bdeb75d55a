import * as v from 'valibot';
import { ApiSchema, LifecycleSchema } from './stored-event-schema.ts';

const text = v.nullable(v.string());

/** One status of a message (`StatusEntry`, also a message's `CurrentStatus`). */
export const StatusEntrySchema = v.object({
  code: v.number(),
  status: v.string(),
  timestamp: v.number(),
  api: ApiSchema,
  lifecycle: LifecycleSchema,
});

/** A message the gateway sent (`OutboundRecord`). */
export const OutboundRecordSchema = v.object({
  api: ApiSchema,
  clientMessageId: v.string(),
  messageId: text,
  to: v.string(),
  kind: v.picklist(['text', 'template', 'media']),
  template: text,
  content: text,
  caption: text,
  outcome: v.picklist(['accepted', 'rejected', 'unknown', 'not-sent']),
  error: v.nullable(
    v.object({ code: v.union([v.number(), v.string()]), description: v.string(), retryable: v.boolean() }),
  ),
  integration: text,
  sentAt: v.number(),
  index: v.number(),
});

/** `GET /api/messages/:messageId` (`MessageView`). */
export const MessageViewSchema = v.object({
  messageId: text,
  clientMessageId: text,
  to: text,
  status: v.nullable(StatusEntrySchema),
  history: v.array(StatusEntrySchema),
  sent: v.nullable(OutboundRecordSchema),
});

/** `GET /api/messages?clientMessageId=`: every message sent with that id, newest first. */
export const MessagesByClientIdSchema = v.object({
  clientMessageId: v.string(),
  messages: v.array(MessageViewSchema),
});
