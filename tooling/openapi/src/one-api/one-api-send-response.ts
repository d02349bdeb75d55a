import * as v from 'valibot';

/** One API's error object, at the top level (the whole request refused) or for one message. */
export const OneApiErrorSchema = v.looseObject({
  code: v.pipe(v.number(), v.integer()),
  description: v.string(),
});

/** One message's result: `apiMessageId` when accepted (the `messageId` of its status callbacks). */
export const OneApiMessageResultSchema = v.looseObject({
  apiMessageId: v.optional(v.string()),
  accepted: v.boolean(),
  to: v.optional(v.string()),
  clientMessageId: v.optional(v.nullable(v.string())),
  error: v.optional(v.nullable(OneApiErrorSchema)),
});

/**
 * The answer of `POST /v1/message` (and `/v1/notification`): `messages` with one result each, or only a
 * top-level `error` when the whole request is refused.
 */
export const OneApiSendResponseSchema = v.looseObject({
  messages: v.optional(v.array(OneApiMessageResultSchema)),
  error: v.optional(v.nullable(OneApiErrorSchema)),
});

/** A refusal of the whole request: only the top-level error. */
export const OneApiErrorResponseSchema = v.looseObject({ error: OneApiErrorSchema });
