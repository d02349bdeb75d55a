import * as v from 'valibot';

/**
 * An error code as the platform may send it: a number, a numeric string, or null. The spec names `errorCode`
 * but leaves its type open (spec-facts.md), so both spellings are read.
 */
const ErrorCodeSchema = v.nullish(
  v.union([
    v.pipe(v.number(), v.integer()),
    v.pipe(v.string(), v.trim(), v.regex(/^\d+$/, 'errorCode must be numeric'), v.transform(Number)),
  ]),
);

/** `error`: null, the description string, or an object `{ code, description }` (the spec leaves this open). */
const ErrorFieldSchema = v.nullish(
  v.union([
    v.string(),
    v.looseObject({
      code: ErrorCodeSchema,
      description: v.nullish(v.string()),
    }),
  ]),
);

/** One message of the send response, as it comes off the wire. */
export const SendResponseMessageWireSchema = v.looseObject({
  messageId: v.nullish(v.string()),
  clientMessageId: v.nullish(v.string()),
  accepted: v.nullish(
    v.union([
      v.boolean(),
      v.pipe(
        v.string(),
        v.regex(/^(true|false)$/i),
        v.transform((s) => s.toLowerCase() === 'true'),
      ),
    ]),
  ),
  to: v.nullish(v.string()),
  error: ErrorFieldSchema,
  errorCode: ErrorCodeSchema,
});

/** The body of a `POST /wa/messages` answer, as it comes off the wire. */
export const SendResponseWireSchema = v.looseObject({
  error: ErrorFieldSchema,
  errorCode: ErrorCodeSchema,
  messages: v.nullish(v.array(SendResponseMessageWireSchema)),
});
