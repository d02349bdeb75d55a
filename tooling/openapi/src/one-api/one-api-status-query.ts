import * as v from 'valibot';

/** A message's status on one channel: the name only (no code), at its last change, epoch ms. */
export const OneApiChannelStatusSchema = v.looseObject({
  status: v.string(),
  timestamp: v.number(),
});

/**
 * The answer of `GET /v1/message/{omniMessageId}`: an entry per channel the message used. For a message One
 * API does not know the format "is different (since there is no channel)" and undocumented: clickwa reads a
 * top-level `status` (`UNKNOWN`) with the current time.
 */
export const OneApiStatusQueryResponseSchema = v.looseObject({
  whatsapp: v.optional(OneApiChannelStatusSchema),
  sms: v.optional(OneApiChannelStatusSchema),
  status: v.optional(v.string()),
  timestamp: v.optional(v.number()),
});
