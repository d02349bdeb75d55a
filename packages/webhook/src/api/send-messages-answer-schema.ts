import * as v from 'valibot';

/** Why a message was not accepted (the core's `ClickwaError` as JSON). */
const SendErrorSchema = v.looseObject({
  name: v.optional(v.string()),
  code: v.union([v.number(), v.string()]),
  description: v.string(),
  retryable: v.boolean(),
});

/** The result of one message (the core's `SendResult`). */
export const SendResultSchema = v.looseObject({
  index: v.number(),
  clientMessageId: v.string(),
  to: v.string(),
  outcome: v.picklist(['accepted', 'rejected', 'unknown', 'not-sent']),
  accepted: v.boolean(),
  messageId: v.optional(v.string()),
  error: v.optional(SendErrorSchema),
  warnings: v.optional(v.array(v.looseObject({ message: v.string() }))),
});

/**
 * The answer of `POST /api/messages`: one result per message, in order. `recorded: false` when the results
 * could not be recorded (the messages were sent all the same: do not send them again).
 */
export const SendMessagesAnswerSchema = v.object({
  results: v.array(SendResultSchema),
  recorded: v.optional(v.literal(false)),
});

/** A freeform message outside the customer-care window (`CareWindowViolation`). */
export const CareWindowViolationSchema = v.object({
  index: v.number(),
  to: v.string(),
  kind: v.picklist(['text', 'media']),
  lastInboundAt: v.nullable(v.number()),
});

/** The 409 of `POST /api/messages`: freeform messages outside the care window; nothing was sent. */
export const CareWindowRefusalSchema = v.looseObject({
  error: v.string(),
  templateRequired: v.literal(true),
  messages: v.array(CareWindowViolationSchema),
});
