import * as v from 'valibot';

// Callbacks carry `timestamp` in epoch ms; ids and numbers are strings. Unknown fields and event kinds may
// appear at any time: every object is loose and every `event` member optional.
const optionalText = v.optional(v.nullable(v.string()));
const envelope = { integrationId: optionalText, integrationName: optionalText };

/** One status of one sent message (`messageId` is the send answer's `apiMessageId`). */
export const OneApiMessageStatusSchema = v.looseObject({
  channel: optionalText,
  timestamp: v.number(),
  statusCode: v.pipe(v.number(), v.integer()),
  status: optionalText,
  messageId: v.string(),
  clientMessageId: optionalText,
});

/** The status callback: `{ integrationId, integrationName, event: { messageStatusUpdate: [...] } }`. */
export const OneApiStatusCallbackSchema = v.looseObject({
  ...envelope,
  event: v.looseObject({
    messageStatusUpdate: v.optional(v.array(OneApiMessageStatusSchema)),
    messageFallback: v.optional(v.array(v.looseObject({}))),
    statusIsTyping: v.optional(v.array(v.looseObject({}))),
  }),
});

const moFields = {
  channel: optionalText,
  messageId: v.string(),
  relatedMessageId: optionalText,
  relatedClientMessageId: optionalText,
  from: v.string(),
  to: optionalText,
  timestamp: v.number(),
  encryptionKey: optionalText,
  whatsapp: v.optional(v.looseObject({ profileName: optionalText })),
};

/** A text from a user. */
export const OneApiMoTextSchema = v.looseObject({ ...moFields, content: v.string(), charset: optionalText });

/** A file a user sent, by reference: download it from `downloadUrl` within 30 days. */
export const OneApiMediaFileSchema = v.looseObject({
  contentType: v.string(),
  downloadUrl: v.string(),
  sha256Hash: optionalText,
  byteSize: v.optional(v.nullable(v.number())),
  fileName: optionalText,
});

/** Media from a user: inline (base64 `content` and `contentType`) or by reference (`files`). */
export const OneApiMoMediaSchema = v.looseObject({
  ...moFields,
  content: optionalText,
  contentType: optionalText,
  caption: optionalText,
  sha256Hash: optionalText,
  files: v.optional(v.array(OneApiMediaFileSchema)),
});

/** A location from a user (field names from secondary sources; `latitute` is a deprecated spelling). */
export const OneApiMoLocationSchema = v.looseObject({
  ...moFields,
  latitude: v.optional(v.union([v.number(), v.string()])),
  latitute: v.optional(v.union([v.number(), v.string()])),
  longitude: v.union([v.number(), v.string()]),
  locationName: optionalText,
  locationAddress: optionalText,
});

/** The message ("reply") callback: `{ integrationId, integrationName, event: { moText | moMedia | moLocation: [...] } }`. */
export const OneApiMessageCallbackSchema = v.looseObject({
  ...envelope,
  event: v.looseObject({
    moText: v.optional(v.array(OneApiMoTextSchema)),
    moMedia: v.optional(v.array(OneApiMoMediaSchema)),
    moLocation: v.optional(v.array(OneApiMoLocationSchema)),
  }),
});
